//! The HTTP listener: serves connections until the server is told to stop (SIGTERM,
//! Ctrl-C), then finishes what it was asked and no more. Every request a client has sent
//! gets its answer: the connections the system has already completed for the server are
//! taken and served too, and a connection's request is served even when the stop comes
//! before it was read (a generic server drops such a connection, and its client sees a
//! reset instead of an answer). A connection that sends nothing within a second of the stop
//! (a browser's preconnect) and one idle between requests are closed; open live boards end
//! ([`Stopping`]). The listener closes at the stop: a later client finds nothing listening.
//!
//! HTTP/1.1 only, as browsers and proxies speak to an application server.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::connect_info::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::live::Stopping;

/// How long a connection may take to send a request's headers.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a connection that has sent nothing yet is given, once the server stops, to
/// send its request (a client that has just connected is sending it; a browser's
/// preconnect sends nothing and is closed after this).
const REQUEST_GRACE: Duration = Duration::from_secs(1);

/// Serves `router` on `listener` until `stop` completes (in the server: Ctrl-C or SIGTERM,
/// [`shutdown_signal`]); answers once every connection has finished, after
/// [`Stopping::stop`] ended the live boards, with what the stop found.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    stopping: Stopping,
    stop: impl std::future::Future<Output = ()>,
) -> Stopped {
    let (stop_sender, stopped) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    connections.spawn(connection(stream, peer, router.clone(), stopped.clone()));
                }
                Err(error) => accept_failed(error).await,
            },
            Some(_) = connections.join_next() => {}
            () = &mut stop => break,
        }
    }
    tracing::info!("stopping: finishing the requests in flight");
    stopping.stop();
    stop_sender.send_replace(true);
    // Connections the system completed before the stop: their clients have sent (or are
    // sending) requests and wait for answers. Then the listener closes at once: a client
    // connecting later is refused rather than left waiting.
    let mut report = Stopped::default();
    for (stream, peer) in waiting_connections(listener) {
        report.waiting += 1;
        connections.spawn(connection(stream, peer, router.clone(), stopped.clone()));
    }
    while let Some(ended) = connections.join_next().await {
        match ended {
            Ok(Ended::Served) => report.served += 1,
            Ok(Ended::NothingSent) => report.nothing_sent += 1,
            Ok(Ended::Failed) | Err(_) => report.failed += 1,
        }
    }
    tracing::info!(
        waiting = report.waiting,
        served = report.served,
        nothing_sent = report.nothing_sent,
        failed = report.failed,
        "stopped listening"
    );
    report
}

/// What the stop found: connections still open when it came or waiting to be taken, and how
/// each ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stopped {
    /// Connections the system had completed and the server had not taken yet.
    pub waiting: usize,
    /// Connections whose requests were all answered.
    pub served: usize,
    /// Connections closed without a request: nothing came within [`REQUEST_GRACE`] of the
    /// stop.
    pub nothing_sent: usize,
    /// Connections that ended with an error (the client went away, a malformed request).
    pub failed: usize,
}

/// How a connection ended.
enum Ended {
    Served,
    NothingSent,
    Failed,
}

/// Takes every connection the system has completed for `listener` and not yet handed over
/// (asking the system itself: the runtime's readiness may not know of them yet), then
/// closes the listener.
fn waiting_connections(listener: TcpListener) -> Vec<(TcpStream, SocketAddr)> {
    let mut waiting = Vec::new();
    let listener = match listener.into_std() {
        Ok(listener) => listener,
        Err(error) => {
            tracing::warn!(%error, "cannot take the connections waiting at the stop");
            return waiting;
        }
    };
    loop {
        match listener.accept() {
            Ok((stream, peer)) => {
                let taken = stream
                    .set_nonblocking(true)
                    .and_then(|()| TcpStream::from_std(stream));
                match taken {
                    Ok(stream) => waiting.push((stream, peer)),
                    Err(error) => tracing::warn!(%error, "cannot serve a waiting connection"),
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionAborted => {}
            Err(_) => break,
        }
    }
    waiting
}

/// Serves one connection; once the server stops, answers the request it is serving or that
/// has arrived, then closes it.
async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    mut stopped: watch::Receiver<bool>,
) -> Ended {
    // Nothing sent yet: wait for the request's first byte (left to be read); once the server
    // stops, a little longer only. (Readiness alone is not enough: it may be reported
    // before anything has arrived, and hyper closes a connection told to stop before it
    // has read anything.)
    let (mut first, mut first_after_stop) = ([0u8; 1], [0u8; 1]);
    let arrived = tokio::select! {
        peeked = stream.peek(&mut first) => matches!(peeked, Ok(n) if n > 0),
        true = told_to_stop(&mut stopped) => matches!(
            tokio::time::timeout(REQUEST_GRACE, stream.peek(&mut first_after_stop)).await,
            Ok(Ok(n)) if n > 0
        ),
    };
    if !arrived {
        return Ended::NothingSent;
    }
    if let Err(error) = stream.set_nodelay(true) {
        tracing::debug!(%error, "cannot set TCP_NODELAY");
    }
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let mut request = request.map(axum::body::Body::new);
        request.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(request)
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let served = http.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(served);
    let mut stopping = false;
    loop {
        tokio::select! {
            // The connection first: hyper reads what has arrived before it is told to stop
            // (told first, it closes a connection it has read nothing from yet).
            biased;
            result = served.as_mut() => {
                return match result {
                    Ok(()) => Ended::Served,
                    Err(error) => {
                        tracing::debug!(%error, "connection ended with an error");
                        Ended::Failed
                    }
                };
            }
            // The request being read or served is answered; the connection then closes
            // (at once when it is idle between requests).
            true = told_to_stop(&mut stopped), if !stopping => {
                stopping = true;
                served.as_mut().graceful_shutdown();
            }
        }
    }
}

/// Waits until the server stops (false: it never will, its stop signal is gone).
async fn told_to_stop(stopped: &mut watch::Receiver<bool>) -> bool {
    stopped.wait_for(|stopped| *stopped).await.is_ok()
}

/// A failed accept: a connection that went away before it was taken is nothing; running out
/// of file descriptors or memory is waited out instead of spinning.
async fn accept_failed(error: std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::error!(%error, "cannot accept a connection");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
