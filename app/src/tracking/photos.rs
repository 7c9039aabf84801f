//! The photos section of an appeal's page: its photos as thumbnails that open full size,
//! and, for the citizen who filed it while it is open, a plain multipart form that adds up
//! to five — it posts without the page's code (the server checks every file and sends the
//! browser back here, saying how it went), so photo handling adds nothing to the WASM.

use domain::photos::{PhotoRef, UploadOutcome, ACCEPTED_TYPES, MAX_PHOTOS_PER_APPEAL, UPLOAD_PATH};
use leptos::prelude::*;

use crate::context::{use_photo_texts, use_texts};

/// The thumbnail's box: its size as kept, scaled into a 320-pixel square (so the page does
/// not jump as thumbnails arrive).
fn thumbnail_size(photo: &PhotoRef) -> (u32, u32) {
    let longest = photo.width.max(photo.height).max(1);
    let scale = |side: u32| (u64::from(side) * 320 / u64::from(longest)).max(1) as u32;
    if longest <= 320 {
        (photo.width, photo.height)
    } else {
        (scale(photo.width), scale(photo.height))
    }
}

/// How the last upload went, as the server's redirect says (`?photos=<code>`).
fn told_outcome() -> Option<UploadOutcome> {
    leptos_router::hooks::use_query_map()
        .with_untracked(|query| query.get("photos"))
        .and_then(|code| UploadOutcome::from_code(&code))
}

#[component]
pub fn Photos(number: String, photos: Vec<PhotoRef>, may_add: bool) -> impl IntoView {
    if photos.is_empty() && !may_add {
        return ().into_any();
    }
    let t = use_texts();
    let p = use_photo_texts();
    let outcome = told_outcome().map(|outcome| match outcome {
        UploadOutcome::Added => {
            view! { <p class="notice" role="status" data-testid="photos-added">{p.added}</p> }
                .into_any()
        }
        UploadOutcome::Refused(problem) => view! {
            <p class="notice error" role="alert" data-testid="photos-refused">{t.problem(problem)}</p>
        }
        .into_any(),
    });
    let count = photos.len();
    let left = MAX_PHOTOS_PER_APPEAL.saturating_sub(count);
    let list = (!photos.is_empty()).then(|| {
        view! {
            <ul class="photo-list" data-testid="photo-list">
                {photos.into_iter().enumerate().map(|(i, photo)| {
                    let (width, height) = thumbnail_size(&photo);
                    view! {
                        <li>
                            <a href=photo.href() target="_blank" rel="noopener">
                                <img src=photo.thumbnail_href() alt=(p.photo_alt)(i + 1, count)
                                    width=width height=height loading="lazy" decoding="async" />
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    let form = may_add.then(|| {
        view! {
            <form class="photo-upload" method="post" action=UPLOAD_PATH enctype="multipart/form-data">
                <input type="hidden" name="number" value=number />
                <p class="hint" id="photo-hint">{(p.hint)(left)} " " {p.privacy}</p>
                <label for="photo-camera">{p.take}</label>
                <input id="photo-camera" type="file" name="photo" accept=ACCEPTED_TYPES
                    capture="environment" aria-describedby="photo-hint" />
                <label for="photo-files">{p.choose}</label>
                <input id="photo-files" type="file" name="photo" accept=ACCEPTED_TYPES
                    multiple aria-describedby="photo-hint" />
                <button type="submit" class="button primary">{p.upload}</button>
            </form>
        }
    });
    view! {
        <section class="photos" id="photos" aria-labelledby="photos-title" data-testid="photos">
            <h2 id="photos-title">{p.title}</h2>
            {outcome}
            {list}
            {form}
        </section>
    }
    .into_any()
}
