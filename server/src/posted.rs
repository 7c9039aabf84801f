//! Forms a browser posts itself to their page (`/`, `/register`, `/sign-in`), before the
//! page's code runs or without it: the page is rendered again with the posted fields
//! (`app::ui::PostedForm`), and its render answers them with the same server functions the
//! script calls — registered or signed in, a redirect; refused, the form as typed with its
//! problems.

use std::sync::Arc;

use app::ui::PostedForm;
use axum::extract::{FromRequest, Request, State};
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;

/// The pages whose forms post to themselves.
pub const PAGE_FORMS: [&str; 3] = ["/", "/register", "/sign-in"];

/// What rendering a page needs: the context every page gets, and the site's options.
#[derive(Clone)]
pub struct PagePosts {
    pub context: Arc<dyn Fn() + Send + Sync>,
    pub options: LeptosOptions,
}

/// `POST /`, `/register`, `/sign-in` with a form-encoded body: the page, answering it. A body
/// that is not a form is refused as axum's `Form` refuses it (415 or 400).
pub async fn posted_page(State(posts): State<PagePosts>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let fields = match Form::<Vec<(String, String)>>::from_request(
        Request::from_parts(parts.clone(), body),
        &(),
    )
    .await
    {
        Ok(Form(fields)) => fields,
        Err(refused) => return refused.into_response(),
    };
    let posted = PostedForm::new(fields);
    let PagePosts { context, options } = posts;
    let shell_options = options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            context();
            provide_context(options.clone());
            provide_context(posted.clone());
        },
        move || app::shell(shell_options.clone()),
    );
    render(Request::from_parts(parts, axum::body::Body::empty())).await
}
