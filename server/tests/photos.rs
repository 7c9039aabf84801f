//! An appeal's photos over HTTP, on SQLite and PostgreSQL: the citizen who filed it adds up
//! to five while it is open (from the page's plain form, or as an API client); every photo
//! is kept re-encoded without its EXIF and GPS, recorded in the history, and served only to
//! whoever may read the appeal, `no-store`; a fake JPEG and a decompression bomb are refused
//! and nothing is kept; the same file sent again is kept once; withdrawal of consent removes
//! them with the rest of the citizen's data once the appeal is settled, and erases the files.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use domain::actions::RejectGround;
use domain::history::{AppealEvent, Rejected};
use photos::testing::{camera_jpeg, contains, png_bomb, GPS_SECONDS};
use serde_json::{json, Value};
use storage::{on_both_backends, Change, DiskPhotoFiles, PhotoFiles, Storage};
use support::{event_kinds, inspector_named, relaxed, Client, Reply, World};

const BOUNDARY: &str = "----photo-test-boundary";

/// A world whose photo files are kept in a folder of its own.
async fn world_with_photos(storage: Storage) -> (World, PathBuf) {
    let folder = std::env::temp_dir().join(format!(
        "smart-mahalla-photos-test-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let mut settings = relaxed();
    settings.photo_files = Arc::new(DiskPhotoFiles::new(&folder));
    (World::with_settings(storage, settings).await, folder)
}

/// The files kept under `folder`.
fn kept_files(folder: &Path) -> Vec<PathBuf> {
    let Ok(shards) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    shards
        .flatten()
        .flat_map(|shard| {
            std::fs::read_dir(shard.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|file| file.path())
        .collect()
}

/// The page's form as a browser posts it: the number, then each file as a `photo` part.
fn form_body(number: &str, files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    let part = |body: &mut Vec<u8>, headers: String, content: &[u8]| {
        body.extend(format!("--{BOUNDARY}\r\n{headers}\r\n\r\n").as_bytes());
        body.extend(content);
        body.extend(b"\r\n");
    };
    part(
        &mut body,
        "Content-Disposition: form-data; name=\"number\"".into(),
        number.as_bytes(),
    );
    for (name, bytes) in files {
        let headers = format!(
            "Content-Disposition: form-data; name=\"photo\"; filename=\"{name}\"\r\nContent-Type: image/jpeg"
        );
        part(&mut body, headers, bytes);
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts the photo form; `page`: as the browser's own form post (wants the page back).
async fn post_photos(
    client: &mut Client,
    number: &str,
    files: &[(&str, &[u8])],
    page: bool,
) -> Reply {
    let accept = if page {
        "text/html,*/*;q=0.8"
    } else {
        "application/json"
    };
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(domain::photos::UPLOAD_PATH)
        .header(header::ACCEPT, accept)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
    if let Some(cookie) = &client.cookie {
        request = request.header(header::COOKIE, cookie.as_str());
    }
    let request = request
        .body(Body::from(form_body(number, files)))
        .expect("request");
    client.exchange(request).await
}

fn photo_keys(status: &Value) -> Vec<String> {
    status["photos"]
        .as_array()
        .map(|photos| {
            photos
                .iter()
                .map(|p| p["key"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The raw bytes of a photo's file as `client` reads it.
async fn read_photo(client: &mut Client, path: &str) -> (StatusCode, Option<String>, Vec<u8>) {
    let mut request = Request::builder().uri(path);
    if let Some(cookie) = &client.cookie {
        request = request.header(header::COOKIE, cookie.as_str());
    }
    let request = request.body(Body::empty()).expect("request");
    let mut request = request;
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(client.address));
    let response = tower::ServiceExt::oneshot(client.app.clone(), request)
        .await
        .expect("response");
    let status = response.status();
    let cache = response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = axum::body::to_bytes(response.into_body(), 32 << 20)
        .await
        .expect("body");
    (status, cache, bytes.to_vec())
}

/// Closes the appeal `number` by rejecting it, as an inspector would.
async fn close(storage: &Storage, number: &str) {
    let event = AppealEvent::Rejected(Rejected {
        ground: RejectGround::Anonymous,
        reason: "Murojaatchi aniqlanmadi".into(),
    });
    let change = Change::event(
        number,
        None,
        chrono::Utc::now().timestamp(),
        inspector_named("Ilhom Inspektor"),
        event,
    );
    storage.apply(change).await.expect("closed");
}

on_both_backends! {
    async fn a_citizen_adds_photos_kept_without_gps_and_only_readers_of_the_appeal_see_them(storage) {
        let (world, folder) = world_with_photos(storage).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let (first, second) = (camera_jpeg(64, 48), camera_jpeg(40, 30));
        let files: [(&str, &[u8]); 2] = [("IMG_0001.jpg", &first), ("IMG_0002.jpg", &second)];

        // The page's form: the browser is sent back to the appeal's photos, told they were added.
        let posted = post_photos(&mut citizen, &world.number, &files, true).await;
        assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.text);
        assert_eq!(
            posted.location.as_deref(),
            Some(format!("/track/{}?photos=added#photos", world.number).as_str())
        );
        let page = citizen.get(&format!("/track/{}?photos=added", world.number)).await;
        assert!(page.text.contains(r#"data-testid="photos-added""#), "{}", page.text);
        assert!(page.text.contains(r#"capture="environment""#), "the camera is offered");

        // Sent again (a retry after a dropped connection): kept once.
        let again = post_photos(&mut citizen, &world.number, &files, false).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.text);
        let seen = citizen.appeal_status(&world.number).await;
        let keys = photo_keys(&seen);
        assert_eq!(keys.len(), 2, "{seen}");
        assert_eq!(
            event_kinds(&seen).iter().filter(|kind| *kind == "photo_added").count(),
            2,
            "each photo is an event of the history"
        );
        assert_eq!(seen["may_add_photos"], true);
        assert_eq!(kept_files(&folder).len(), 4, "a photo and its thumbnail each");
        let export = citizen.get("/api/my/data").await.json();
        assert_eq!(export["appeals"][0]["photos"].as_array().map(Vec::len), Some(2), "in their data download");

        for key in &keys {
            for path in [format!("/api/photos/{key}"), format!("/api/photos/{key}/thumb")] {
                let (status, cache, bytes) = read_photo(&mut citizen, &path).await;
                assert_eq!(status, StatusCode::OK, "{path}");
                assert_eq!(cache.as_deref(), Some("no-store"));
                assert_eq!(domain::photos::PhotoKind::sniff(&bytes), Some(domain::photos::PhotoKind::Jpeg));
                assert!(!contains(&bytes, b"Exif"), "no EXIF in {path}");
                assert!(!contains(&bytes, &GPS_SECONDS), "no GPS position in {path}");
            }
        }
        // Kept upright: the camera's 64×48 said "turn 90°".
        let listed = &seen["photos"][0];
        assert_eq!((listed["width"].as_u64(), listed["height"].as_u64()), (Some(48), Some(64)));

        let path = format!("/api/photos/{}", keys[0]);
        let mut inspector = world.client(Some(world.inspector)).await;
        assert_eq!(read_photo(&mut inspector, &path).await.0, StatusCode::OK, "staff of the mahalla");
        let mut other = world.client(Some(world.other_inspector)).await;
        assert_eq!(read_photo(&mut other, &path).await.0, StatusCode::FORBIDDEN, "another mahalla's inspector");
        let mut stranger = world.client(Some(world.citizen_b)).await;
        assert_eq!(read_photo(&mut stranger, &path).await.0, StatusCode::FORBIDDEN, "another citizen");
        let mut visitor = Client::new(&world.app);
        assert_eq!(read_photo(&mut visitor, &path).await.0, StatusCode::UNAUTHORIZED);
        let unknown = "0123456789abcdef0123456789abcdef";
        assert_eq!(read_photo(&mut citizen, &format!("/api/photos/{unknown}")).await.0, StatusCode::NOT_FOUND);
        assert_eq!(read_photo(&mut citizen, "/api/photos/..%2F..%2Fetc").await.0, StatusCode::NOT_FOUND);
        let _ = std::fs::remove_dir_all(folder);
    }

    async fn a_fake_jpeg_and_a_decompression_bomb_are_refused_and_nothing_is_kept(storage) {
        let (world, folder) = world_with_photos(storage).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let mut fake = vec![0xFF, 0xD8, 0xFF, 0xE0];
        fake.extend(b"<html><script>fetch('/api/my/data')</script></html>");
        let refused = post_photos(&mut citizen, &world.number, &[("photo.jpg", &fake)], false).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text);
        assert_eq!(refused.json()["invalid"][0], json!({ "field": "photo", "problem": "not_a_photo" }));

        let bomb = png_bomb();
        let refused = post_photos(&mut citizen, &world.number, &[("bomb.jpg", &bomb)], true).await;
        assert_eq!(refused.status, StatusCode::SEE_OTHER);
        assert_eq!(
            refused.location.as_deref(),
            Some(format!("/track/{}?photos=too_many_pixels#photos", world.number).as_str())
        );
        let page = citizen.get(&format!("/track/{}?photos=too_many_pixels", world.number)).await;
        assert!(page.text.contains(r#"data-testid="photos-refused""#), "the page says why");

        let nothing = post_photos(&mut citizen, &world.number, &[], false).await;
        assert_eq!(nothing.json()["invalid"][0]["problem"], "required");

        let seen = citizen.appeal_status(&world.number).await;
        assert!(photo_keys(&seen).is_empty());
        assert!(!event_kinds(&seen).iter().any(|kind| kind == "photo_added"));
        assert!(kept_files(&folder).is_empty(), "no file left behind");
    }

    async fn only_the_citizen_who_filed_it_adds_at_most_five_while_it_is_open(storage) {
        let (world, folder) = world_with_photos(storage.clone()).await;
        let photos: Vec<Vec<u8>> = (0..6).map(|i| camera_jpeg(20 + i, 20)).collect();
        let files: Vec<(&str, &[u8])> = photos.iter().map(|p| ("p.jpg", p.as_slice())).collect();

        for phone in [world.citizen_b, world.inspector] {
            let mut other = world.client(Some(phone)).await;
            let refused = post_photos(&mut other, &world.number, &files[..1], false).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{phone}: {}", refused.text);
        }
        let mut visitor = Client::new(&world.app);
        assert_eq!(post_photos(&mut visitor, &world.number, &files[..1], false).await.status, StatusCode::UNAUTHORIZED);

        let mut citizen = world.client(Some(world.citizen_a)).await;
        let sixth = post_photos(&mut citizen, &world.number, &files, false).await;
        assert_eq!(sixth.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", sixth.text);
        assert_eq!(sixth.json()["invalid"][0]["problem"], "too_many_photos");
        let seen = citizen.appeal_status(&world.number).await;
        assert_eq!(photo_keys(&seen).len(), 5, "the first five are kept");
        assert_eq!(seen["may_add_photos"], false);
        assert_eq!(kept_files(&folder).len(), 10, "the refused sixth left no file");

        // A closed appeal takes no photos.
        let other = support::file_appeal(&storage, support::draft(world.mahalla).validate(|_| true).expect("valid"),
            Some(storage.account_by_phone(world.citizen_a).await.expect("citizen").id)).await.expect("filed");
        close(&storage, &other).await;
        let closed = post_photos(&mut citizen, &other, &files[..1], true).await;
        assert_eq!(
            closed.location.as_deref(),
            Some(format!("/track/{other}?photos=closed#photos").as_str())
        );
        assert_eq!(citizen.appeal_status(&other).await["may_add_photos"], false);
        let _ = std::fs::remove_dir_all(folder);
    }

    async fn withdrawal_of_consent_removes_the_photos_of_a_settled_appeal_and_erases_their_files(storage) {
        let (world, folder) = world_with_photos(storage.clone()).await;
        let mut citizen = world.client(Some(world.citizen_a)).await;
        let photo = camera_jpeg(32, 24);
        post_photos(&mut citizen, &world.number, &[("p.jpg", &photo)], false).await;
        let key = photo_keys(&citizen.appeal_status(&world.number).await).remove(0);
        close(&storage, &world.number).await;
        let mut inspector = world.client(Some(world.inspector)).await;
        let path = format!("/api/photos/{key}");
        assert_eq!(read_photo(&mut inspector, &path).await.0, StatusCode::OK, "kept until consent is withdrawn");

        let done = citizen.post("/api/my/consent/withdraw", json!({ "confirm": true })).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text);
        let seen = inspector.appeal_status(&world.number).await;
        assert!(photo_keys(&seen).is_empty(), "{seen}");
        assert!(event_kinds(&seen).iter().any(|kind| kind == "anonymised"));
        assert_eq!(read_photo(&mut inspector, &path).await.0, StatusCode::NOT_FOUND, "no longer served");
        assert_eq!(kept_files(&folder).len(), 2, "the files wait for the housekeeping");

        let files: Arc<dyn PhotoFiles> = Arc::new(DiskPhotoFiles::new(&folder));
        assert_eq!(server::photos::erase_removed(&storage, &files).await.expect("erased"), 1);
        assert!(kept_files(&folder).is_empty(), "erased from the disk");
        assert_eq!(server::photos::erase_removed(&storage, &files).await.expect("erased"), 0);
        let _ = std::fs::remove_dir_all(folder);
    }
}
