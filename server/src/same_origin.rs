//! State changes only from this site's own pages (cross-site request forgery, login forgery
//! included): a request other than GET, HEAD or OPTIONS that a browser sends from another
//! site is refused with 403, and a server function that takes JSON takes it only as
//! `application/json` (415 otherwise), which no plain form of another site can send.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::ServerFn;

/// Refuses a state-changing request that a browser sent from another site, as Go's
/// `CrossOriginProtection` does: `Sec-Fetch-Site` decides when the browser sent it
/// (`same-origin`, or `none` for what the person did themselves, pass); without it, a request
/// with no `Origin` passes (curl, scripts, the tests: no browser, so no one's cookies to
/// abuse), and one with an `Origin` passes when its host and port are the request's `Host`.
pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    if changes_nothing(request.method()) || from_this_site(request.headers(), request.uri()) {
        next.run(request).await
    } else {
        (StatusCode::FORBIDDEN, "cross-origin request refused").into_response()
    }
}

/// Refuses a body for a JSON server function that is not declared as JSON: a form of
/// another site can send `text/plain` (with a JSON body) without asking the server first,
/// never `application/json`. Form-encoded server functions ([`form_posts`]) are left to the
/// origin check.
pub async fn json_as_json(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let takes_json = !changes_nothing(request.method())
        && path.starts_with("/api/")
        && !form_posts().contains(&path);
    if takes_json && !declared_json(request.headers()) {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the body as application/json",
        )
            .into_response();
    }
    next.run(request).await
}

/// The API paths that take an HTML form's body: the server functions that take it
/// form-encoded (`server_fn`'s default codec) and the photos' multipart upload; every other
/// server function with a body takes JSON (`input = Json`).
pub fn form_posts() -> [&'static str; 3] {
    [
        <app::accounts::SignOut as ServerFn>::PATH,
        <app::language::SetLanguage as ServerFn>::PATH,
        domain::photos::UPLOAD_PATH,
    ]
}

/// GET, HEAD and OPTIONS never change anything here.
fn changes_nothing(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether a browser sent the request from a page of this site (or no browser sent it).
fn from_this_site(headers: &HeaderMap, uri: &Uri) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .or_else(|| uri.authority().map(|authority| authority.as_str()));
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|origin| origin.split_once("://"))
        .map(|(_, host)| host);
    match (origin_host, host) {
        (Some(origin), Some(host)) => !origin.is_empty() && origin.eq_ignore_ascii_case(host),
        _ => false,
    }
}

/// `Content-Type: application/json`, parameters (`; charset=utf-8`) allowed.
fn declared_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn the_browser_saying_where_a_request_comes_from_decides() {
        let uri = Uri::from_static("/api/auth/sign-out");
        for (site, allowed) in [
            ("same-origin", true),
            ("none", true),
            ("same-site", false),
            ("cross-site", false),
            ("", false),
        ] {
            let with_matching_origin = headers(&[
                ("sec-fetch-site", site),
                ("origin", "http://mahalla.example"),
                ("host", "mahalla.example"),
            ]);
            assert_eq!(
                from_this_site(&with_matching_origin, &uri),
                allowed,
                "{site:?}"
            );
        }
    }

    #[test]
    fn without_fetch_metadata_the_origin_must_be_the_host() {
        let uri = Uri::from_static("/api/auth/sign-in");
        assert!(from_this_site(&headers(&[]), &uri), "no browser, no origin");
        assert!(from_this_site(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            &uri
        ));
        assert!(from_this_site(
            &headers(&[
                ("origin", "https://Mahalla.example"),
                ("host", "mahalla.example")
            ]),
            &uri
        ));
        for origin in [
            "http://evil.example",
            "http://127.0.0.1:3001",
            "null",
            "http://",
        ] {
            let sent = headers(&[("origin", origin), ("host", "127.0.0.1:3000")]);
            assert!(!from_this_site(&sent, &uri), "{origin}");
        }
        let no_host = headers(&[("origin", "http://127.0.0.1:3000")]);
        assert!(!from_this_site(&no_host, &uri), "nothing to compare with");
        let absolute = Uri::from_static("http://127.0.0.1:3000/api/auth/sign-in");
        assert!(
            from_this_site(&no_host, &absolute),
            "HTTP/2: the authority is the host"
        );
    }

    #[test]
    fn only_json_declared_as_json_is_json() {
        for (content_type, json) in [
            ("application/json", true),
            ("application/json; charset=utf-8", true),
            ("Application/JSON", true),
            ("text/plain", false),
            ("text/plain; charset=application/json", false),
            ("application/x-www-form-urlencoded", false),
            ("multipart/form-data; boundary=x", false),
            ("application/jsonp", false),
        ] {
            let sent = headers(&[("content-type", content_type)]);
            assert_eq!(declared_json(&sent), json, "{content_type}");
        }
        assert!(!declared_json(&headers(&[])), "no content type");
    }
}
