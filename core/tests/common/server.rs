//! A small scripted HTTP/1.1 server on 127.0.0.1 for response-policy, retry and TLS tests.
//! Real sockets, real bytes; each reply is chosen by the test per request.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct Req {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Req {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
    /// Read the request, then close the connection without answering.
    pub drop_connection: bool,
    /// Stop listening after this request: later connects are refused.
    pub close_listener: bool,
}

impl Reply {
    /// Reads the request and hangs up: the request reached the server, no answer came back.
    pub fn hang_up() -> Reply {
        Reply {
            drop_connection: true,
            ..Reply::default()
        }
    }
    /// A reply signed with `key` over `POST <path>\n<client>.<time>.<body>`.
    pub fn signed(req: &Req, key: &antom::PrivateKey, body: &str) -> Reply {
        let time = "2024-01-01T00:00:00Z";
        let client = req.header("client-id").unwrap_or_default().to_string();
        let sig = antom::Signer::new(key.clone(), 1)
            .sign("POST", &req.path, &client, time, body.as_bytes())
            .unwrap();
        Reply {
            status: 200,
            headers: vec![
                ("Signature".into(), sig),
                ("Response-Time".into(), time.into()),
                ("Client-Id".into(), client),
            ],
            body: body.as_bytes().to_vec(),
            ..Reply::default()
        }
    }
    pub fn unsigned(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![],
            body: body.as_bytes().to_vec(),
            ..Reply::default()
        }
    }
}

type Handler = Arc<dyn Fn(&Req, usize) -> Reply + Send + Sync>;

pub struct Server {
    pub port: u16,
    pub requests: Arc<Mutex<Vec<Req>>>,
}

impl Server {
    pub async fn start(handler: impl Fn(&Req, usize) -> Reply + Send + Sync + 'static) -> Server {
        Self::start_with(handler, None).await
    }

    pub async fn start_with(
        handler: impl Fn(&Req, usize) -> Reply + Send + Sync + 'static,
        tls: Option<tokio_rustls::TlsAcceptor>,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests: Arc<Mutex<Vec<Req>>> = Arc::default();
        let handler: Handler = Arc::new(handler);
        let reqs = requests.clone();
        let closed = Arc::new(tokio::sync::Notify::new());
        tokio::spawn(async move {
            loop {
                let sock = tokio::select! {
                    accepted = listener.accept() => match accepted {
                        Ok((sock, _)) => sock,
                        Err(_) => return,
                    },
                    // Dropping the listener makes the port refuse connections.
                    () = closed.notified() => return,
                };
                let (handler, reqs, tls, closed) =
                    (handler.clone(), reqs.clone(), tls.clone(), closed.clone());
                tokio::spawn(async move {
                    match tls {
                        Some(acceptor) => {
                            if let Ok(stream) = acceptor.accept(sock).await {
                                serve(stream, handler, reqs, closed).await;
                            }
                        }
                        None => serve(sock, handler, reqs, closed).await,
                    }
                });
            }
        });
        Server { port, requests }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> Vec<Req> {
        self.requests.lock().unwrap().clone()
    }
}

async fn serve<S: AsyncRead + AsyncWrite + Unpin>(
    mut sock: S,
    handler: Handler,
    reqs: Arc<Mutex<Vec<Req>>>,
    closed: Arc<tokio::sync::Notify>,
) {
    let mut buf = Vec::new();
    loop {
        // Read one request: headers, then Content-Length bytes of body.
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 8192];
            match sock.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
        let mut lines = head.split("\r\n");
        let path = lines
            .next()
            .unwrap_or_default()
            .split(' ')
            .nth(1)
            .unwrap_or_default()
            .to_string();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let len: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        while buf.len() < head_end + len {
            let mut chunk = [0u8; 8192];
            match sock.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let body = buf[head_end..head_end + len].to_vec();
        buf.drain(..head_end + len);
        let req = Req {
            path,
            headers,
            body,
        };
        let n = {
            let mut r = reqs.lock().unwrap();
            r.push(req.clone());
            r.len()
        };
        let reply = handler(&req, n);
        if reply.close_listener {
            closed.notify_one();
        }
        if reply.drop_connection {
            return;
        }
        if !reply.delay.is_zero() {
            tokio::time::sleep(reply.delay).await;
        }
        let mut out = format!(
            "HTTP/1.1 {} X\r\ncontent-length: {}\r\n",
            reply.status,
            reply.body.len()
        );
        for (k, v) in &reply.headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&reply.body);
        if sock.write_all(&bytes).await.is_err() {
            return;
        }
    }
}
