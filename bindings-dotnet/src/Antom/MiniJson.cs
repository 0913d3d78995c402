// Reads the flat JSON objects the C ABI returns (string, number, bool and null values only):
// netstandard2.0 has no JSON parser without packages.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Antom
{
    internal static class MiniJson
    {
        internal static Dictionary<string, object> ParseFlat(string json)
        {
            var result = new Dictionary<string, object>();
            int i = 0;
            Skip(json, ref i);
            Expect(json, ref i, '{');
            Skip(json, ref i);
            if (Peek(json, i) == '}')
            {
                return result;
            }
            while (true)
            {
                Skip(json, ref i);
                var key = ReadString(json, ref i);
                Skip(json, ref i);
                Expect(json, ref i, ':');
                Skip(json, ref i);
                result[key] = ReadValue(json, ref i);
                Skip(json, ref i);
                var c = Peek(json, i++);
                if (c == '}')
                {
                    return result;
                }
                if (c != ',')
                {
                    throw new FormatException("malformed JSON from the native library");
                }
            }
        }

        private static char Peek(string s, int i)
        {
            if (i >= s.Length)
            {
                throw new FormatException("truncated JSON from the native library");
            }
            return s[i];
        }

        private static void Skip(string s, ref int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }
        }

        private static void Expect(string s, ref int i, char c)
        {
            if (Peek(s, i) != c)
            {
                throw new FormatException("malformed JSON from the native library");
            }
            i++;
        }

        private static object ReadValue(string s, ref int i)
        {
            var c = Peek(s, i);
            if (c == '"')
            {
                return ReadString(s, ref i);
            }
            int start = i;
            while (i < s.Length && s[i] != ',' && s[i] != '}' && !char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            var word = s.Substring(start, i - start);
            switch (word)
            {
                case "null": return null;
                case "true": return true;
                case "false": return false;
                default: return long.Parse(word, CultureInfo.InvariantCulture);
            }
        }

        private static string ReadString(string s, ref int i)
        {
            Expect(s, ref i, '"');
            var sb = new StringBuilder();
            while (true)
            {
                var c = Peek(s, i++);
                if (c == '"')
                {
                    return sb.ToString();
                }
                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }
                var e = Peek(s, i++);
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u':
                        sb.Append((char)int.Parse(s.Substring(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
        }

        internal static string Str(Dictionary<string, object> d, string key)
        {
            object v;
            return d.TryGetValue(key, out v) ? v as string : null;
        }

        internal static long? Num(Dictionary<string, object> d, string key)
        {
            object v;
            if (d.TryGetValue(key, out v) && v is long)
            {
                return (long)v;
            }
            return null;
        }
    }
}
