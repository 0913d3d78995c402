//! Without the `tls` feature (the in-process simulator of the language packages): plain HTTP
//! on loopback only, so no certificate generator in those packages. `antom sim --tls` has it.

use tokio::net::TcpListener;

/// Never built: [`make`] refuses, so no listener is ever wrapped.
#[derive(Debug)]
pub enum TlsAcceptor {}

pub fn make() -> antom::Result<(String, TlsAcceptor)> {
    Err(antom::Error::new(
        antom::ErrorKind::InvalidInput,
        "this build of the simulator serves plain HTTP only (the `antom sim --tls` command serves HTTPS)",
    ))
}

#[derive(Debug)]
pub struct Listener;

// The same call as the real one, answering the plain listener it can never be asked to wrap.
#[allow(clippy::new_ret_no_self)]
impl Listener {
    pub fn new(_tcp: TcpListener, acceptor: TlsAcceptor) -> std::io::Result<TcpListener> {
        match acceptor {}
    }
}
