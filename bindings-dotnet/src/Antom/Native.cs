// P/Invoke declarations for libantom_ffi, written against bindings-c/include/antom.h (tools/check_abi.py compares them).
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Antom
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct AntomBuffer
    {
        public IntPtr Ptr;
        public UIntPtr Len;
        public UIntPtr Cap;
    }

    internal static class Native
    {
        private const string Lib = "antom_ffi";
        internal const int Ok = 0;

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int antom_function(
            byte[] name, UIntPtr nameLen, byte[] args, UIntPtr argsLen, out AntomBuffer output, out AntomBuffer error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int antom_client_new(
            byte[] options, UIntPtr optionsLen, out ClientHandle client, out AntomBuffer error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void antom_client_free(IntPtr client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int antom_client_invoke(
            ClientHandle client, byte[] name, UIntPtr nameLen, byte[] args, UIntPtr argsLen, out AntomBuffer output, out AntomBuffer error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void antom_buffer_free(AntomBuffer buffer);

        [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
        internal delegate void AttemptListener(IntPtr json, UIntPtr jsonLen);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void antom_set_attempt_listener(AttemptListener listener);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int antom_sim_start(byte[] options, UIntPtr optionsLen, out SimHandle sim, out AntomBuffer info, out AntomBuffer error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int antom_sim_control(
            SimHandle sim, byte[] name, UIntPtr nameLen, byte[] args, UIntPtr argsLen, out AntomBuffer output, out AntomBuffer error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void antom_sim_free(IntPtr sim);

        internal static byte[] Utf8(string s) => s == null ? null : Encoding.UTF8.GetBytes(s);

        internal static UIntPtr Len(byte[] b) => new UIntPtr((uint)(b == null ? 0 : b.Length));

        /// <summary>Copies a library buffer into a string and frees it.</summary>
        internal static string Take(AntomBuffer b)
        {
            if (b.Ptr == IntPtr.Zero)
            {
                return null;
            }
            try
            {
                var bytes = new byte[(int)b.Len.ToUInt32()];
                Marshal.Copy(b.Ptr, bytes, 0, bytes.Length);
                return Encoding.UTF8.GetString(bytes);
            }
            finally
            {
                antom_buffer_free(b);
            }
        }

        /// <summary>Runs a native call over the name and the arguments as a JSON array, then clears
        /// the arguments' bytes (they may hold key text).</summary>
        internal static string WithArgs(string name, string[] jsonArgs, Func<byte[], byte[], string> call)
        {
            var n = Utf8(name);
            var a = Utf8("[" + string.Join(",", jsonArgs) + "]");
            try
            {
                return call(n, a);
            }
            finally
            {
                Array.Clear(a, 0, a.Length);
            }
        }

        /// <summary>Runs a function of the bridge's table; its answer as JSON. Every generated
        /// function (Generated.cs) is one call of this.</summary>
        internal static string Function(string name, params string[] jsonArgs)
        {
            return WithArgs(name, jsonArgs, (n, a) =>
            {
                AntomBuffer output, error;
                var status = antom_function(n, Len(n), a, Len(a), out output, out error);
                return Check(status, output, error);
            });
        }

        /// <summary>A function that gives text. Its answers are plain (a header, an amount), so the
        /// JSON string is read here unless it holds an escape.</summary>
        internal static string FunctionText(string name, params string[] jsonArgs)
        {
            var json = Function(name, jsonArgs);
            if (json.Length >= 2 && json[0] == '"' && json[json.Length - 1] == '"' && json.IndexOf('\\') < 0)
                return json.Substring(1, json.Length - 2);
            return Json.Read<string>(json);
        }

        /// <summary>A verdict function: true when it verifies, false on a mismatch (which the
        /// native side reports as an error, so that no status check can take it for a match).</summary>
        internal static bool Verdict(string name, params string[] jsonArgs)
        {
            try
            {
                // A verdict is true or an error: anything else is not a verified signature.
                if (Function(name, jsonArgs) == "true") return true;
                throw new InvalidResponseException("INVALID_RESPONSE", name + " gave no verdict");
            }
            catch (SignatureException e) when (e.Kind == "SIGNATURE_MISMATCH")
            {
                return false;
            }
        }

        /// <summary>Frees both buffers; throws the typed exception on a failure status.</summary>
        internal static string Check(int status, AntomBuffer output, AntomBuffer error)
        {
            var text = Take(output);
            var detail = Take(error);
            if (status == Ok)
            {
                return text;
            }
            throw AntomException.FromDetail(detail);
        }
    }

    /// <summary>The native client handle; released exactly once by the runtime.</summary>
    internal sealed class ClientHandle : Microsoft.Win32.SafeHandles.SafeHandleZeroOrMinusOneIsInvalid
    {
        public ClientHandle() : base(true) { }

        protected override bool ReleaseHandle()
        {
            Native.antom_client_free(handle);
            return true;
        }
    }

    /// <summary>The native simulator handle; stopped and released exactly once by the runtime.</summary>
    internal sealed class SimHandle : Microsoft.Win32.SafeHandles.SafeHandleZeroOrMinusOneIsInvalid
    {
        public SimHandle() : base(true) { }

        protected override bool ReleaseHandle()
        {
            Native.antom_sim_free(handle);
            return true;
        }
    }
}
