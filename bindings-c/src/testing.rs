//! The in-process simulator over the C ABI, for merchants' tests (`Antom.Testing.Simulator`):
//! start, run a control of the bridge's `SIM_CONTROLS` by name, free (which stops it).

use std::sync::RwLock;

use antom_bridge::testing::SimHandle;

use super::*;

/// An opaque simulator handle. Release with `antom_sim_free`.
#[derive(Debug)]
pub struct AntomSim(RwLock<SimHandle>);

/// Starts a simulator on a free 127.0.0.1 port. `options` is a JSON object of the simulator's
/// start options by their camelCase names (antom-bridge's `SIM_OPTIONS`: `timeScale`, `slowMs`,
/// `audit`; empty for the defaults); `info` receives what `antom sim` prints (JSON:
/// `url`, `client_id`, the key files).
///
/// # Safety
/// `options` must point to `options_len` readable bytes (or be null with 0); `sim` must be
/// valid for writes; `info` must be valid for writes; `err` must be null or valid for writes.
#[no_mangle]
pub unsafe extern "C" fn antom_sim_start(
    options: *const u8,
    options_len: usize,
    sim: *mut *mut AntomSim,
    info: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        new_handle(sim, "sim", Some((info, "info")), err, || {
            let options = text(options, options_len, "options")?.unwrap_or("");
            let handle = SimHandle::start(options)?;
            let info = handle.info().as_bytes().to_vec();
            Ok((AntomSim(RwLock::new(handle)), info))
        })
    }
}

/// Runs the control `name` (`complete`, `decline`, `payment`, `arm_fault`, `deliveries`,
/// `requests`, `audit`) with its arguments as a JSON object keyed by snake_case names; `out`
/// receives its JSON answer. A refusal is an `INVALID_INPUT` error.
///
/// # Safety
/// `sim` must be a live handle; pointers as in [`antom_client_invoke`].
#[no_mangle]
pub unsafe extern "C" fn antom_sim_control(
    sim: *const AntomSim,
    name: *const u8,
    name_len: usize,
    args: *const u8,
    args_len: usize,
    out: *mut AntomBuffer,
    err: *mut AntomBuffer,
) -> AntomStatus {
    // SAFETY: forwarded contract for every pointer.
    unsafe {
        guard(out, err, || {
            let name = required(name, name_len, "name")?;
            let args = text(args, args_len, "args")?.unwrap_or("{}");
            let sim = sim
                .as_ref()
                .ok_or_else(|| input("the simulator handle is null (disposed?)".into()))?;
            let handle = sim.0.read().unwrap_or_else(|p| p.into_inner());
            Ok(handle.control(name, args)?.into_bytes())
        })
    }
}

/// Stops a simulator, removes its key files and releases the handle. Null is ignored; each
/// handle must be freed once.
///
/// # Safety
/// `sim` must be null or a handle from `antom_sim_start` not yet freed.
#[no_mangle]
pub unsafe extern "C" fn antom_sim_free(sim: *mut AntomSim) {
    // SAFETY: forwarded contract.
    unsafe { free_handle(sim) }
}
