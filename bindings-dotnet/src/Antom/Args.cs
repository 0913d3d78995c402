using System;
using System.Collections.Generic;
using System.Runtime.Serialization;
using System.Text;

namespace Antom
{
    /// <summary>Arguments by kind (the bridge's operations::Kind) as JSON values, as
    /// antom_client_invoke and antom_function read them; every generated wrapper converts its
    /// arguments with these.</summary>
    internal static class Arg
    {
        internal static string Text(string v, string name)
        {
            if (v == null) throw new ArgumentNullException(name);
            return Quote(v);
        }

        internal static string OptText(string v) => v == null ? "null" : Quote(v);

        /// <summary>A JSON string literal. Written here, not by a DataContractJsonSerializer, which
        /// costs tens of microseconds per value: a verification takes about twenty.</summary>
        internal static string Quote(string v)
        {
            var b = new StringBuilder(v.Length + 2).Append('"');
            foreach (var c in v)
            {
                if (c == '"' || c == '\\') b.Append('\\').Append(c);
                else if (c < ' ') b.Append("\\u").Append(((int)c).ToString("x4"));
                else b.Append(c);
            }
            return b.Append('"').ToString();
        }

        /// <summary>A body: JSON text as it is, or a model written by its data contract.</summary>
        internal static string Body(object v, string name)
        {
            if (v == null) throw new ArgumentNullException(name);
            var text = v as string;
            if (text != null) return Quote(text);
            try
            {
                return Quote(Json.WriteObject(v));
            }
            catch (Exception e) when (e is InvalidDataContractException || e is SerializationException)
            {
                throw new InvalidInputException("INVALID_INPUT", name + " must be JSON text or a model of Antom.Models: " + e.Message);
            }
        }

        internal static string Bytes(byte[] v, string name)
        {
            if (v == null) throw new ArgumentNullException(name);
            return Quote(Convert.ToBase64String(v));
        }

        internal static string Headers(IEnumerable<KeyValuePair<string, string>> headers, string name)
        {
            if (headers == null) throw new ArgumentNullException(name);
            var list = new List<HeaderView>();
            foreach (var kv in headers)
            {
                if (kv.Key == null || kv.Value == null) continue;
                list.Add(new HeaderView { Name = kv.Key, Value = kv.Value });
            }
            return Json.Write(list.ToArray());
        }

        internal static string Seconds(TimeSpan v, string name)
        {
            if (v < TimeSpan.Zero) throw new ArgumentOutOfRangeException(name);
            return v.TotalSeconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        internal static string Options(RequestOptions options) =>
            options == null ? "null" : Json.Write(options.ToView());

        // Keys as JSON by key text (a few: merchants hold one or two), so a call does not escape
        // the same PEM again; the key text is held as the caller's string already is.
        private static readonly Dictionary<string, string> Keys = new Dictionary<string, string>();

        internal static string Key(string v, string name)
        {
            if (v == null) throw new ArgumentNullException(name);
            lock (Keys)
            {
                string quoted;
                if (Keys.TryGetValue(v, out quoted)) return quoted;
                if (Keys.Count >= 8) Keys.Clear();
                return Keys[v] = Quote(v);
            }
        }

        internal static string OptCount(int? v) =>
            v.HasValue ? v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
    }
}
