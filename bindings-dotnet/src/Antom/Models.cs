using System;
using System.Collections.Generic;

namespace Antom
{
    /// <summary>Antom's resultStatus.</summary>
    public enum ResultStatus
    {
        /// <summary>S: succeeded.</summary>
        Success,
        /// <summary>F: failed, final.</summary>
        Failure,
        /// <summary>U: unknown; inquire or wait for the notification, never charge again.</summary>
        Unknown,
    }
}
