// Antom.Testing.Simulator: the Antom simulator inside your own tests, in this process on a free
// 127.0.0.1 port: no account, no network, no `antom sim` process. Its controls (Complete,
// Decline, ArmFault, Deliveries, Audit, ...) are generated from the bridge's table (SimControls).
using System;
using System.IO;
using System.Runtime.Serialization;

namespace Antom.Testing
{
    [DataContract]
    internal sealed class SimInfo
    {
        [DataMember(Name = "url")] public string Url;
        [DataMember(Name = "client_id")] public string ClientId;
        [DataMember(Name = "merchant_private_key_file")] public string MerchantPrivateKeyFile;
        [DataMember(Name = "antom_public_key_file")] public string AntomPublicKeyFile;
    }

    /// <summary>A simulator started in this process, with a ready <see cref="Client"/>.
    /// <see cref="Dispose"/> stops it and removes its key files.</summary>
    /// <example><code>
    /// using (var sim = new Antom.Testing.Simulator())
    /// {
    ///     var pay = sim.Client.Pay(order);
    ///     sim.Complete(pay.Data.PaymentId);   // the buyer pays; the notification is sent
    /// }
    /// </code></example>
    public sealed class Simulator : SimControls, IDisposable
    {
        private readonly SimHandle handle;
        private readonly SimInfo info;

        public Simulator(SimulatorOptions options = null)
        {
            var json = Native.Utf8(Json.Write(options ?? new SimulatorOptions()));
            SimHandle h;
            AntomBuffer output, error;
            var status = Native.antom_sim_start(json, Native.Len(json), out h, out output, out error);
            try
            {
                Info = Native.Check(status, output, error);
            }
            catch
            {
                h.Dispose();
                throw;
            }
            handle = h;
            info = Json.Read<SimInfo>(Info);
            Client = NewClient();
        }

        /// <summary>What <c>antom sim</c> prints (JSON): url, client_id and the key files.</summary>
        public string Info { get; private set; }
        /// <summary>The simulator's gateway URL (http://127.0.0.1:port).</summary>
        public string Url { get { return info.Url; } }
        /// <summary>The merchant's client id.</summary>
        public string ClientId { get { return info.ClientId; } }
        /// <summary>A ready client for this simulator.</summary>
        public AntomClient Client { get; private set; }

        /// <summary>Another client for this simulator; <paramref name="configure"/> sets more options (e.g. MaxRetries = 0).</summary>
        public AntomClient NewClient(Action<AntomOptions> configure = null)
        {
            var options = new AntomOptions
            {
                ClientId = info.ClientId,
                PrivateKey = File.ReadAllText(info.MerchantPrivateKeyFile),
                AntomPublicKey = File.ReadAllText(info.AntomPublicKeyFile),
                GatewayUrl = info.Url,
            };
            if (configure != null) configure(options);
            return new AntomClient(options);
        }

        /// <inheritdoc/>
        protected override string Control(string name, string argsJson)
        {
            if (handle.IsClosed) throw new ObjectDisposedException("Simulator");
            var n = Native.Utf8(name);
            var a = Native.Utf8(argsJson);
            AntomBuffer output, error;
            var status = Native.antom_sim_control(handle, n, Native.Len(n), a, Native.Len(a), out output, out error);
            return Native.Check(status, output, error);
        }

        /// <summary>Stops the simulator and its client.</summary>
        public void Dispose()
        {
            if (Client != null) Client.Dispose();
            handle.Dispose();
        }
    }
}
