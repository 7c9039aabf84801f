//! What the HTTP tests share: the router with test settings, a client that keeps its session
//! cookie and client address (and reads event streams), and a small world of accounts and one
//! appeal.

#![allow(dead_code)]

mod appeals;

pub use appeals::*;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use domain::account::Role;
use futures::StreamExt;
use serde_json::{json, Value};
use server::routes::{Settings, SESSION_COOKIE};
use storage::{NewAccount, Storage};
use tower::ServiceExt;

/// The password of every account the tests create.
pub const PASSWORD: &str = "sinov-paroli-2026";

/// Settings for tests: limits generous enough not to get in the way of other checks.
pub fn relaxed() -> Settings {
    let mut settings = Settings::default();
    settings.limits.sign_in.free_failures = 1_000;
    settings.limits.appeals_per_account_per_day = 1_000;
    settings.limits.appeals_per_address_per_hour = 1_000;
    settings.limits.registrations_per_address_per_hour = 1_000;
    settings
}

pub fn router_with(storage: Storage, settings: Settings) -> Router {
    router_serving(storage, settings, std::path::Path::new("target/site"))
}

/// The router serving the built site (`pkg/` and static files) from `site_root`.
pub fn router_serving(storage: Storage, settings: Settings, site_root: &std::path::Path) -> Router {
    let addr = "127.0.0.1:0".parse().expect("addr");
    let options = server::routes::leptos_options(addr, site_root);
    server::routes::router(storage, settings, options)
}

pub fn router(storage: Storage) -> Router {
    router_with(storage, relaxed())
}

/// A browser or API client: its session cookie (once it has one) and its address.
#[derive(Clone)]
pub struct Client {
    pub app: Router,
    pub cookie: Option<String>,
    /// The language cookie's value (`ru`), once chosen or set by the server.
    pub language: Option<String>,
    pub address: SocketAddr,
}

/// A response: status, `Retry-After` when present, all headers, and the body (JSON when it
/// parses).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub retry_after: Option<String>,
    pub set_cookie: Option<String>,
    pub location: Option<String>,
    pub headers: HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::String(self.text.clone()))
    }
}

impl Client {
    pub fn new(app: &Router) -> Client {
        Client::from(app, "203.0.113.10")
    }

    /// A client at the IPv4 or IPv6 address `ip`.
    pub fn from(app: &Router, ip: &str) -> Client {
        let ip: std::net::IpAddr = ip.parse().expect("an IP address");
        Client {
            app: app.clone(),
            cookie: None,
            language: None,
            address: SocketAddr::new(ip, 50000),
        }
    }

    pub async fn send(&mut self, method: Method, uri: &str, body: Option<Value>) -> Reply {
        let body = body.map(|json| ("application/json", json.to_string()));
        self.send_raw(method, uri, &[], body).await
    }

    /// Sends `body` (content type, text) as given, with `headers` besides the usual ones —
    /// as a browser on another site, a form or a misbehaving client would.
    pub async fn send_raw(
        &mut self,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, String)>,
    ) -> Reply {
        // A browser opening a page asks for HTML (a page's redirect is a real 302 only then);
        // a server function called with that header counts as a plain form post and is
        // redirected back, so API calls ask for JSON.
        let accept = if method == Method::GET && !uri.starts_with("/api/") {
            "text/html,application/json;q=0.9,*/*;q=0.8"
        } else {
            "application/json"
        };
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::ACCEPT, accept);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(cookie) = self.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        let body = match body {
            Some((content_type, text)) => {
                request = request.header(header::CONTENT_TYPE, content_type);
                Body::from(text)
            }
            None => Body::empty(),
        };
        self.exchange(request.body(body).expect("request")).await
    }

    /// Sends `request` from this client's address, keeps a new session cookie as a browser
    /// would, and reads the answer.
    pub async fn exchange(&mut self, mut request: Request<Body>) -> Reply {
        request.extensions_mut().insert(ConnectInfo(self.address));
        let response = self.app.clone().oneshot(request).await.expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let value = |name: header::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after = value(header::RETRY_AFTER);
        let location = value(header::LOCATION);
        let set_cookie = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(SESSION_COOKIE))
            .map(str::to_owned);
        let language_set = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| {
                v.strip_prefix(app::i18n::LANGUAGE_COOKIE)?
                    .strip_prefix('=')
            })
            .and_then(|v| v.split(';').next());
        if let Some(language) = language_set {
            self.language = Some(language.to_owned());
        }
        if let Some(set) = &set_cookie {
            let pair = set.split(';').next().unwrap_or_default().to_owned();
            // An emptied cookie (sign-out) is dropped, as a browser would.
            self.cookie = (!pair.ends_with('=') && !set.contains("Max-Age=0")).then_some(pair);
        }
        let bytes = axum::body::to_bytes(response.into_body(), 64 << 20)
            .await
            .expect("body");
        Reply {
            status,
            retry_after,
            set_cookie,
            location,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The `Cookie` header a browser would send: the session's and the language's.
    fn cookie_header(&self) -> Option<String> {
        let language = self
            .language
            .as_ref()
            .map(|tag| format!("{}={tag}", app::i18n::LANGUAGE_COOKIE));
        let both: Vec<String> = self.cookie.iter().cloned().chain(language).collect();
        (!both.is_empty()).then(|| both.join("; "))
    }

    /// The appeal `number` as its page reads it (`GET /api/appeals/status`), which must be
    /// readable by this client.
    pub async fn appeal_status(&mut self, number: &str) -> Value {
        let reply = self
            .get(&format!("/api/appeals/status?number={number}"))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json()
    }

    pub async fn get(&mut self, uri: &str) -> Reply {
        self.send(Method::GET, uri, None).await
    }

    pub async fn post(&mut self, uri: &str, body: Value) -> Reply {
        self.send(Method::POST, uri, Some(body)).await
    }

    /// Posts `fields` form-encoded to a page, as a browser posts a form without its script.
    pub async fn post_form(&mut self, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let body = fields
            .iter()
            .map(|(name, value)| format!("{}={}", form_encode(name), form_encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        let mut request = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin");
        if let Some(cookie) = self.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        self.exchange(request.body(Body::from(body)).expect("request"))
            .await
    }

    /// Opens a response that arrives bit by bit (server-sent events): status and headers
    /// now, the body as it comes.
    pub async fn open(&self, uri: &str) -> Streaming {
        let mut request = Request::builder()
            .method(Method::GET)
            .uri(uri)
            .header(header::ACCEPT, "text/event-stream");
        if let Some(cookie) = self.cookie_header() {
            request = request.header(header::COOKIE, cookie);
        }
        let mut request = request.body(Body::empty()).expect("request");
        request.extensions_mut().insert(ConnectInfo(self.address));
        let response = self.app.clone().oneshot(request).await.expect("response");
        Streaming {
            status: response.status(),
            content_type: response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            body: response.into_body().into_data_stream(),
            buffer: String::new(),
        }
    }

    /// Signs in and keeps the session cookie; panics unless it worked.
    pub async fn sign_in(&mut self, phone: &str, password: &str) -> Value {
        let reply = self
            .post(
                "/api/auth/sign-in",
                json!({ "phone": phone, "password": password }),
            )
            .await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "sign-in as {phone}: {}",
            reply.text
        );
        reply.json()
    }
}

/// A response read as it arrives: a stream of server-sent events.
pub struct Streaming {
    pub status: StatusCode,
    pub content_type: Option<String>,
    body: axum::body::BodyDataStream,
    /// Received text not yet read as events.
    buffer: String,
}

/// One server-sent event: its name (`message` when unnamed) and its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerEvent {
    pub event: String,
    pub data: String,
}

impl Streaming {
    /// The next event arriving within `wait` (comments such as keep-alives skipped), or `None`
    /// when none came in time or the stream ended.
    pub async fn next_event(&mut self, wait: Duration) -> Option<ServerEvent> {
        let until = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if let Some(event) = server_event(&block) {
                    return Some(event);
                }
            }
            match tokio::time::timeout_at(until, self.body.next()).await {
                Ok(Some(Ok(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                Ok(Some(Err(_)) | None) | Err(_) => return None,
            }
        }
    }

    /// Whether the stream ends within `wait` (events arriving meanwhile are read and
    /// dropped); `false` while it stays open.
    pub async fn ends_within(&mut self, wait: Duration) -> bool {
        let until = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(until, self.body.next()).await {
                Ok(Some(Ok(_))) => {}
                Ok(Some(Err(_)) | None) => return true,
                Err(_) => return false,
            }
        }
    }

    /// The rest of the body as text (for a refusal, which is not a stream).
    pub async fn text(mut self) -> String {
        while let Some(Ok(bytes)) = self.body.next().await {
            self.buffer.push_str(&String::from_utf8_lossy(&bytes));
        }
        self.buffer
    }
}

/// Reads one event block (`event: …`, `data: …` lines); `None` for a block of comments only.
fn server_event(block: &str) -> Option<ServerEvent> {
    let mut event = None;
    let mut data: Option<Vec<&str>> = None;
    for line in block.lines() {
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => event = Some(value.to_owned()),
            "data" => data.get_or_insert_with(Vec::new).push(value),
            _ => {}
        }
    }
    if event.is_none() && data.is_none() {
        return None;
    }
    Some(ServerEvent {
        event: event.unwrap_or_else(|| "message".into()),
        data: data.unwrap_or_default().join("\n"),
    })
}

/// The people of the tests and the appeal they revolve around.
pub struct World {
    pub app: Router,
    pub storage: Storage,
    /// Mahalla of the appeal, another mahalla of the same district.
    pub mahalla: i64,
    pub other_mahalla: i64,
    pub citizen_a: &'static str,
    pub citizen_b: &'static str,
    pub inspector: &'static str,
    pub other_inspector: &'static str,
    pub chair: &'static str,
    pub district_admin: &'static str,
    pub system_admin: &'static str,
    /// Citizen A's appeal in `mahalla`.
    pub number: String,
}

impl World {
    pub async fn new(storage: Storage) -> World {
        World::with_settings(storage, relaxed()).await
    }

    pub async fn with_settings(storage: Storage, settings: Settings) -> World {
        // Trained once per process; here, so that no test's clock runs while it trains.
        tokio::task::spawn_blocking(classify::Classifier::shared)
            .await
            .expect("classifier");
        let mahallas = storage.mahallas().await.expect("mahallas");
        let (mahalla, other_mahalla) = (mahallas[0].id, mahallas[1].id);
        let district = mahallas[0].district_id;
        let hash = password_hash().await;
        type Person = (&'static str, &'static str, Role, Vec<i64>, Option<i64>);
        let people: [Person; 7] = [
            ("+998900000001", "Anvar Alimov", Role::Citizen, vec![], None),
            (
                "+998900000002",
                "Barno Botirova",
                Role::Citizen,
                vec![],
                None,
            ),
            (
                "+998900000003",
                "Ilhom Inspektor",
                Role::Inspector,
                vec![mahalla],
                None,
            ),
            (
                "+998900000004",
                "Ortiq Boshqa",
                Role::Inspector,
                vec![other_mahalla],
                None,
            ),
            (
                "+998900000005",
                "Rahim Rais",
                Role::MahallaChair,
                vec![mahalla],
                None,
            ),
            (
                "+998900000006",
                "Dilfuza Tuman",
                Role::DistrictAdmin,
                vec![],
                Some(district),
            ),
            (
                "+998900000007",
                "Tohir Tizim",
                Role::SystemAdmin,
                vec![],
                None,
            ),
        ];
        let mut ids = Vec::new();
        for (phone, name, role, mahalla_ids, district_id) in &people {
            let now = chrono::Utc::now().timestamp();
            ids.push(
                storage
                    .create_account(
                        &NewAccount {
                            phone,
                            full_name: name,
                            role: *role,
                            password_hash: &hash,
                            created_at: now,
                            consent_at: (*role == Role::Citizen).then_some(now),
                            district_id: *district_id,
                            mahalla_ids,
                        },
                        None,
                        None,
                    )
                    .await
                    .expect("account"),
            );
        }
        let appeal = draft(mahalla).validate(|_| true).expect("valid");
        let number = file_appeal(&storage, appeal, Some(ids[0]))
            .await
            .expect("appeal");
        World {
            app: router_with(storage.clone(), settings),
            storage,
            mahalla,
            other_mahalla,
            citizen_a: "+998900000001",
            citizen_b: "+998900000002",
            inspector: "+998900000003",
            other_inspector: "+998900000004",
            chair: "+998900000005",
            district_admin: "+998900000006",
            system_admin: "+998900000007",
            number,
        }
    }

    /// A client signed in as `phone` (or anonymous for `None`).
    pub async fn client(&self, phone: Option<&str>) -> Client {
        let mut client = Client::new(&self.app);
        if let Some(phone) = phone {
            client.sign_in(phone, PASSWORD).await;
        }
        client
    }
}

/// Whether `page` shows `text`, as written or HTML-escaped.
pub fn shows(page: &str, text: &str) -> bool {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    page.contains(text)
        || page.contains(&escaped)
        || page.contains(&escaped.replace('\'', "&#x27;"))
        || page.contains(&escaped.replace('\'', "&#39;"))
}
