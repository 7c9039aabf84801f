//! A server told to stop, over real sockets, on SQLite and PostgreSQL: every request already
//! sent is answered — those in flight, and one on a connection the server had taken but
//! whose request came only after the stop — every appeal it answered is stored, an open
//! live board ends, a connection that sends nothing is closed after a short grace, the
//! listener then refuses new connections, and the stop reports how each connection ended.

mod support;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::json;
use server::listener::{serve, Stopped};
use storage::on_both_backends;
use support::{draft_json, relaxed, World};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How many submissions are in flight when the stop comes.
const IN_FLIGHT: usize = 20;

/// A whole HTTP/1.1 request that asks to close the connection after its answer.
fn request(method: &str, path: &str, cookie: &str, body: &str) -> Vec<u8> {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: smart-mahalla\r\nAccept: application/json\r\n\
         Content-Type: application/json\r\nCookie: {cookie}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Reads a connection to its end; answers the status and the body.
async fn answer(stream: &mut TcpStream) -> (u16, String) {
    let mut bytes = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut bytes))
        .await
        .expect("an answer within 20 s")
        .expect("a complete answer, not a reset");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// Sends a submission on a new connection and reads its answer: the registration number.
async fn submit(addr: SocketAddr, cookie: String, body: String) -> String {
    let mut stream = TcpStream::connect(addr).await.expect("connected");
    stream
        .write_all(&request("POST", "/api/appeals/submit", &cookie, &body))
        .await
        .expect("sent");
    let (status, text) = answer(&mut stream).await;
    assert_eq!(status, 200, "{text}");
    let number: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    number["number"].as_str().expect("a number").to_owned()
}

on_both_backends! {
    async fn a_stopping_server_answers_every_request_already_sent_then_refuses(storage) {
        let settings = relaxed();
        let stopping = settings.stopping.clone();
        let world = World::with_settings(storage.clone(), settings).await;
        let citizen = world.client(Some(world.citizen_a)).await.cookie.expect("citizen's cookie");
        let inspector = world.client(Some(world.inspector)).await.cookie.expect("inspector's cookie");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bound");
        let addr = listener.local_addr().expect("address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let serving = tokio::spawn(serve(listener, world.app.clone(), stopping, async move {
            let _ = stopped.await;
        }));
        let body = json!({ "draft": draft_json(world.mahalla) }).to_string();
        let before = storage.count_appeals().await.expect("count");

        let mut board = TcpStream::connect(addr).await.expect("board connected");
        board.write_all(&request("GET", "/api/board/live", &inspector, "")).await.expect("sent");
        let mut head = [0u8; 12];
        board.read_exact(&mut head).await.expect("the board's stream opens");
        assert_eq!(&head, b"HTTP/1.1 200");
        // Taken by the server, its request still to come; and one that never sends any.
        let mut late = TcpStream::connect(addr).await.expect("connected");
        let silent = TcpStream::connect(addr).await.expect("connected");
        let in_flight: Vec<_> = (0..IN_FLIGHT)
            .map(|_| tokio::spawn(submit(addr, citizen.clone(), body.clone())))
            .collect();
        tokio::time::sleep(Duration::from_millis(200)).await;

        let stopped_at = Instant::now();
        stop.send(()).expect("stop");
        tokio::time::sleep(Duration::from_millis(100)).await;
        late.write_all(&request("POST", "/api/appeals/submit", &citizen, &body)).await.expect("sent after the stop");
        let (status, text) = answer(&mut late).await;
        assert_eq!(status, 200, "the request that came after the stop: {text}");
        let mut numbers = vec![text];
        for task in in_flight {
            numbers.push(task.await.expect("task"));
        }
        let mut rest = Vec::new();
        tokio::time::timeout(Duration::from_secs(5), board.read_to_end(&mut rest))
            .await
            .expect("the live board's stream ends")
            .expect("ends cleanly");

        let report: Stopped = tokio::time::timeout(Duration::from_secs(10), serving)
            .await
            .expect("the server stops within seconds")
            .expect("serving");
        assert!(stopped_at.elapsed() < Duration::from_secs(5), "{:?}", stopped_at.elapsed());
        assert_eq!(report.nothing_sent, 1, "the silent connection: {report:?}");
        assert_eq!(report.failed, 0, "{report:?}");
        assert_eq!(
            storage.count_appeals().await.expect("count"),
            before + i64::try_from(numbers.len()).expect("count"),
            "every appeal answered is stored"
        );
        drop(silent);
        assert!(TcpStream::connect(addr).await.is_err(), "nothing listens after the stop");
    }
}
