using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;

namespace Antom
{
    /// <summary>
    /// Reads Antom's JSON into a typed model field by field. The official SDKs disagree on some
    /// types (a tax amount is an Amount in one and a string in two); DataContractJsonSerializer
    /// would fail the whole body on one such field. A field whose JSON is not of its member's
    /// type is left out of the typed object instead; it stays readable, as received, in the
    /// response's or notification's <c>Raw</c>.
    /// </summary>
    internal static class ModelJson
    {
        private static readonly ConcurrentDictionary<Type, Dictionary<string, Type>> MembersOf = new ConcurrentDictionary<Type, Dictionary<string, Type>>();

        internal static T Read<T>(string json) where T : class
        {
            try
            {
                var doc = new XmlDocument();
                using (var reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(json ?? ""), XmlDictionaryReaderQuotas.Max))
                    doc.Load(reader);
                Prune(doc.DocumentElement, typeof(T));
                var serializer = Json.Serializer(typeof(T));
                using (var reader = new XmlNodeReader(doc))
                {
                    var value = serializer.ReadObject(reader) as T;
                    if (value == null) throw new SerializationException("empty");
                    return value;
                }
            }
            catch (Exception e) when (e is SerializationException || e is XmlException || e is ArgumentException || e is InvalidCastException || e is OverflowException || e is FormatException)
            {
                throw new InvalidResponseException("INVALID_RESPONSE", "the body is not the JSON object of " + typeof(T).Name + ": " + e.Message);
            }
        }

        /// <summary>The JSON name and .NET type of each member a model class reads.</summary>
        private static Dictionary<string, Type> Members(Type type)
        {
            return MembersOf.GetOrAdd(type, t =>
            {
                var members = new Dictionary<string, Type>();
                foreach (var m in t.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    var a = m.GetCustomAttributes(typeof(DataMemberAttribute), false).Cast<DataMemberAttribute>().FirstOrDefault();
                    if (a == null) continue;
                    var p = m as PropertyInfo;
                    var f = m as FieldInfo;
                    members[a.Name ?? m.Name] = p != null ? p.PropertyType : f.FieldType;
                }
                return members;
            });
        }

        private static bool IsModel(Type t) => typeof(IExtensibleDataObject).IsAssignableFrom(t);

        private static Type ListItem(Type t) =>
            t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>) ? t.GetGenericArguments()[0] : null;

        /// <summary>Whether the JSON (as JsonReaderWriterFactory maps it to XML) fits the member's type.</summary>
        private static bool Fits(XmlElement e, Type t)
        {
            var json = e.HasAttribute("type") ? e.GetAttribute("type") : "string";
            if (json == "null") return true;
            var u = Nullable.GetUnderlyingType(t) ?? t;
            if (u == typeof(string)) return json == "string";
            if (u == typeof(long) || u == typeof(double) || u == typeof(int) || u == typeof(decimal)) return json == "number";
            if (u == typeof(bool)) return json == "boolean";
            if (ListItem(u) != null) return json == "array";
            return json == "object";
        }

        private static void Prune(XmlElement e, Type type)
        {
            if (e == null || !IsModel(type)) return;
            var members = Members(type);
            foreach (var child in e.ChildNodes.OfType<XmlElement>().ToList())
            {
                var name = child.HasAttribute("item") ? child.GetAttribute("item") : child.LocalName;
                Type t;
                if (!members.TryGetValue(name, out t)) continue; // unknown: kept as extension data
                if (!Fits(child, t)) { e.RemoveChild(child); continue; }
                Descend(child, t);
            }
        }

        private static void Descend(XmlElement e, Type t)
        {
            var item = ListItem(t);
            if (item == null)
            {
                Prune(e, t);
                return;
            }
            foreach (var child in e.ChildNodes.OfType<XmlElement>().ToList())
            {
                if (!Fits(child, item)) e.RemoveChild(child);
                else Descend(child, item);
            }
        }
    }
}
