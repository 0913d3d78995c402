// P/Invoke declarations for libantom_ffi, written against native/include/antom.h.
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
        internal const uint KeyPrivate = 0;
        internal const uint KeyPublic = 1;
        internal const int Ok = 0, Error = 1, Panic = 3;

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int antom_key_new(uint kind, byte[] key, UIntPtr keyLen, out KeyHandle handle, out AntomBuffer error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void antom_key_free(IntPtr key);

        internal const uint AmountToMinor = 0, AmountFromMinor = 1;

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int antom_amount_convert(byte[] currency, UIntPtr currencyLen, byte[] amount, UIntPtr amountLen, uint direction,
            out AntomBuffer output, out AntomBuffer error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int antom_sign_request(
            KeyHandle key, byte[] method, UIntPtr methodLen, byte[] path, UIntPtr pathLen,
            byte[] clientId, UIntPtr clientIdLen, byte[] time, UIntPtr timeLen, byte[] body, UIntPtr bodyLen,
            uint keyVersion, out AntomBuffer output, out AntomBuffer error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int antom_verify_signature(
            KeyHandle key, byte[] method, UIntPtr methodLen, byte[] path, UIntPtr pathLen,
            byte[] clientId, UIntPtr clientIdLen, byte[] time, UIntPtr timeLen, byte[] body, UIntPtr bodyLen,
            byte[] signature, UIntPtr signatureLen, out AntomBuffer error);

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

        internal static readonly byte[] Empty = new byte[0];

        internal static byte[] Utf8(string s)
        {
            return s == null ? null : Encoding.UTF8.GetBytes(s);
        }

        internal static UIntPtr Len(byte[] b)
        {
            return new UIntPtr((uint)(b == null ? 0 : b.Length));
        }

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
    internal sealed class ClientHandle : SafeHandle
    {
        public ClientHandle() : base(IntPtr.Zero, true)
        {
        }

        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }

        protected override bool ReleaseHandle()
        {
            Native.antom_client_free(handle);
            return true;
        }
    }

    internal sealed class KeyHandle : SafeHandle
    {
        public KeyHandle() : base(IntPtr.Zero, true)
        {
        }

        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }

        protected override bool ReleaseHandle()
        {
            Native.antom_key_free(handle);
            return true;
        }
    }

    /// <summary>The native simulator handle; stopped and released exactly once by the runtime.</summary>
    internal sealed class SimHandle : SafeHandle
    {
        public SimHandle() : base(IntPtr.Zero, true)
        {
        }

        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }

        protected override bool ReleaseHandle()
        {
            Native.antom_sim_free(handle);
            return true;
        }
    }
}
