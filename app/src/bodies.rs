//! The directory of competent bodies an appeal can be forwarded to (district police, social
//! services, the hokimiyat, others), per district. Administrators edit it at
//! `/admin/bodies`; the board's forwarding dialog picks from it.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::account::session::{message_for, ErrorNotice, FormField};
use crate::appeal::actions::BodyKind;
use crate::appeal::{required_within, Field, FieldError, Problem};
use crate::error::AppError;
use crate::i18n::use_texts;
use crate::i18n::work::use_work_texts;
use crate::staff::DistrictOption;

/// Longest body name, in characters.
pub const BODY_NAME_MAX_CHARS: usize = 120;
/// Longest contact line (address, phone, e-mail), in characters.
pub const CONTACT_MAX_CHARS: usize = 200;

/// A body of the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body {
    pub id: i64,
    pub district_id: i64,
    pub district: String,
    pub kind: BodyKind,
    pub name: String,
    pub contact: String,
    /// Inactive bodies stay in past records but are no longer offered.
    pub active: bool,
}

/// A body as the form sends it (`id: null` for a new one).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BodyDraft {
    pub id: Option<i64>,
    pub district_id: Option<i64>,
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub contact: String,
    pub active: bool,
}

/// A body that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBody {
    pub id: Option<i64>,
    pub district_id: i64,
    pub kind: BodyKind,
    pub name: String,
    pub contact: String,
    pub active: bool,
}

impl BodyDraft {
    /// Every problem at once; `district_exists` answers for a district id.
    pub fn validate(
        &self,
        district_exists: impl Fn(i64) -> bool,
    ) -> Result<ValidBody, Vec<FieldError>> {
        let mut errors = Vec::new();
        let district_id = match self.district_id {
            None => {
                errors.push(FieldError::new(Field::District, Problem::Required));
                None
            }
            Some(id) if !district_exists(id) => {
                errors.push(FieldError::new(Field::District, Problem::Malformed));
                None
            }
            Some(id) => Some(id),
        };
        let kind =
            crate::appeal::work::parse_code::<BodyKind>(&self.kind, Field::BodyKind, &mut errors);
        let name = required_within(self.name.trim(), BODY_NAME_MAX_CHARS)
            .map_err(|problem| errors.push(FieldError::new(Field::BodyName, problem)))
            .ok();
        let contact = self.contact.trim();
        if contact.chars().count() > CONTACT_MAX_CHARS {
            errors.push(FieldError::new(
                Field::Contact,
                Problem::TooLong {
                    max: CONTACT_MAX_CHARS,
                },
            ));
        }
        match (district_id, kind, name) {
            (Some(district_id), Some(kind), Some(name)) if errors.is_empty() => Ok(ValidBody {
                id: self.id,
                district_id,
                kind,
                name,
                contact: contact.to_owned(),
                active: self.active,
            }),
            _ => Err(errors),
        }
    }
}

/// The directory as one staff member sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodyDirectory {
    /// Inspectors and chairs get the active bodies of their mahallas' districts;
    /// administrators every body of their scope.
    pub bodies: Vec<Body>,
    /// The districts an administrator may add bodies to (empty for others).
    pub districts: Vec<DistrictOption>,
}

/// The bodies in the staff member's scope. `GET /api/bodies` (staff only).
#[server(prefix = "/api", endpoint = "bodies", input = server_fn::codec::GetUrl)]
pub async fn load_bodies() -> Result<BodyDirectory, AppError> {
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            let scope = viewer.board_scope()?;
            let storage = crate::api::storage()?;
            let admin_scope = viewer.staff_scope().ok();
            let mut bodies = storage.bodies(scope).await?;
            let districts = match admin_scope {
                Some(scope) => crate::staff::districts_in(&storage, scope).await?,
                None => {
                    bodies.retain(|b| b.active);
                    Vec::new()
                }
            };
            Ok(BodyDirectory { bodies, districts })
        }
        .await,
    )
}

/// Adds (`id: null`) or edits a body. `POST /api/bodies/save` with `{"draft": {...}}`;
/// a district administrator edits the bodies of their district, a system administrator
/// any. Returns the body's id.
#[server(prefix = "/api", endpoint = "bodies/save", input = server_fn::codec::Json)]
pub async fn save_body(draft: BodyDraft) -> Result<i64, AppError> {
    crate::api::respond(
        async {
            let viewer = crate::access::viewer().await?;
            let scope = viewer.staff_scope()?;
            let storage = crate::api::storage()?;
            let districts = storage.districts().await?;
            let body = draft
                .validate(|id| districts.iter().any(|(d, _)| *d == id))
                .map_err(AppError::Invalid)?;
            if let Some(district) = scope {
                let own_now = match body.id {
                    Some(id) => storage.body_district(id).await? == district,
                    None => true,
                };
                if body.district_id != district || !own_now {
                    return Err(AppError::Forbidden);
                }
            }
            let id = storage
                .save_body(&body)
                .await
                .map_err(|error| match error {
                    crate::storage::StorageError::Conflict => {
                        AppError::Invalid(vec![FieldError::new(
                            Field::BodyName,
                            Problem::NameTaken,
                        )])
                    }
                    other => other.into(),
                })?;
            let detail = format!("body {id} {} active={}", body.kind.code(), body.active);
            crate::api::audit(
                &storage,
                &viewer,
                crate::audit::AuditAction::BodySaved,
                crate::api::Audited {
                    detail: &detail,
                    ..Default::default()
                },
            )
            .await?;
            Ok(id)
        }
        .await,
    )
}

/// `/admin/bodies` — the directory and the form to add or edit a body.
#[component]
pub fn BodiesPage() -> impl IntoView {
    let t = use_texts();
    let w = use_work_texts();
    let directory = Resource::new(|| (), |_| load_bodies());
    view! {
        <section class="panel wide" aria-labelledby="bodies-title">
            <h1 id="bodies-title">{w.bodies_title}</h1>
            <p>{w.bodies_intro}</p>
            <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match directory.await {
                        Ok(found) if !found.districts.is_empty() => view! {
                            <BodiesEditor directory=found on_saved=move || directory.refetch() />
                        }.into_any(),
                        Ok(_) => view! { <ErrorNotice error=AppError::Forbidden /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The form's state, one signal per field.
#[derive(Clone, Copy)]
struct BodyFields {
    id: RwSignal<Option<i64>>,
    district: RwSignal<Option<i64>>,
    kind: RwSignal<String>,
    name: RwSignal<String>,
    contact: RwSignal<String>,
    active: RwSignal<bool>,
}

impl BodyFields {
    fn new(district: Option<i64>) -> Self {
        BodyFields {
            id: RwSignal::new(None),
            district: RwSignal::new(district),
            kind: RwSignal::new(BodyKind::Police.code().to_owned()),
            name: RwSignal::new(String::new()),
            contact: RwSignal::new(String::new()),
            active: RwSignal::new(true),
        }
    }

    fn load(&self, body: Option<&Body>, default_district: Option<i64>) {
        self.id.set(body.map(|b| b.id));
        self.district
            .set(body.map(|b| b.district_id).or(default_district));
        self.kind
            .set(body.map_or(BodyKind::Police, |b| b.kind).code().to_owned());
        self.name
            .set(body.map(|b| b.name.clone()).unwrap_or_default());
        self.contact
            .set(body.map(|b| b.contact.clone()).unwrap_or_default());
        self.active.set(body.is_none_or(|b| b.active));
    }

    fn draft(&self) -> BodyDraft {
        BodyDraft {
            id: self.id.get_untracked(),
            district_id: self.district.get_untracked(),
            kind: self.kind.get_untracked(),
            name: self.name.get_untracked(),
            contact: self.contact.get_untracked(),
            active: self.active.get_untracked(),
        }
    }
}

#[component]
fn BodiesEditor(
    directory: BodyDirectory,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let t = use_texts();
    let w = use_work_texts();
    let first_district = directory.districts.first().map(|d| d.id);
    let fields = BodyFields::new(first_district);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<AppError>);
    let action = ServerAction::<SaveBody>::new();
    let hydrated = crate::use_hydrated();
    let bodies = StoredValue::new(directory.bodies.clone());
    let districts = directory.districts.clone();
    let many_districts = districts.len() > 1;
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            fields.load(None, first_district);
            on_saved();
        }
        Some(Err(AppError::Invalid(problems))) => errors.set(problems),
        Some(Err(other)) => failure.set(Some(other)),
        None => {}
    });
    let message = move |field: Field| message_for(errors, field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let draft = fields.draft();
        match draft.validate(|_| true) {
            Ok(_) => {
                errors.set(Vec::new());
                action.dispatch(SaveBody { draft });
            }
            Err(problems) => errors.set(problems),
        }
    };
    view! {
        <div class="table-scroll">
            <table class="staff" data-testid="bodies-table">
                <thead><tr>
                    <th scope="col">{t.field_body_name}</th>
                    <th scope="col">{t.field_body_kind}</th>
                    {many_districts.then(|| view! { <th scope="col">{t.field_district}</th> })}
                    <th scope="col">{t.field_contact}</th>
                    <th scope="col">{t.staff_state}</th>
                    <th scope="col"><span class="visually-hidden">{t.staff_edit}</span></th>
                </tr></thead>
                <tbody>
                    {directory.bodies.iter().map(|body| {
                        let id = body.id;
                        let label = format!("{} {}", t.staff_edit, body.name);
                        view! {
                            <tr class:inactive=!body.active>
                                <td>{body.name.clone()}</td>
                                <td>{w.body_kind(body.kind)}</td>
                                {many_districts.then(|| view! { <td>{body.district.clone()}</td> })}
                                <td>{body.contact.clone()}</td>
                                <td>{if body.active { t.staff_active } else { t.staff_inactive }}</td>
                                <td><button type="button" class="button small" aria-label=label
                                    on:click=move |_| bodies.with_value(|all| fields.load(all.iter().find(|b| b.id == id), first_district))>
                                    {t.staff_edit}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <form class="stack" novalidate on:submit=on_submit aria-labelledby="body-form-title" data-testid="body-form">
            <h2 id="body-form-title">{move || if fields.id.get().is_some() { w.body_edit_title } else { w.body_new_title }}</h2>
            <FormField id="body-name" label=t.field_body_name value=fields.name kind="text" autocomplete="off" error=message(Field::BodyName) />
            <div class="field">
                <label for="body-kind">{t.field_body_kind}</label>
                <select id="body-kind" prop:value=move || fields.kind.get()
                    on:change=move |ev| fields.kind.set(event_target_value(&ev))>
                    {BodyKind::ALL.iter().map(|kind| view! {
                        <option value=kind.code()>{w.body_kind(*kind)}</option>
                    }).collect_view()}
                </select>
                {move || message(Field::BodyKind).get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            {many_districts.then(|| view! {
                <div class="field">
                    <label for="body-district">{t.field_district}</label>
                    <select id="body-district"
                        on:change=move |ev| fields.district.set(event_target_value(&ev).parse().ok())>
                        {districts.iter().map(|d| {
                            let id = d.id;
                            view! { <option value=id.to_string() selected=move || fields.district.get() == Some(id)>{d.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                    {move || message(Field::District).get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
            })}
            <FormField id="body-contact" label=t.field_contact value=fields.contact kind="text" autocomplete="off" error=message(Field::Contact) />
            <Show when=move || fields.id.get().is_some()>
                <label class="choice">
                    <input type="checkbox" id="body-active" prop:checked=move || fields.active.get()
                        on:change=move |ev| fields.active.set(event_target_checked(&ev)) />
                    <span>{w.body_in_use}</span>
                </label>
            </Show>
            {move || failure.get().map(|error| view! { <ErrorNotice error /> })}
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || !hydrated.get() || action.pending().get()>{t.staff_save}</button>
                <button type="button" class="button" on:click=move |_| { errors.set(Vec::new()); fields.load(None, first_district); }>{w.body_new_title}</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_needs_a_district_a_kind_and_a_name() {
        let problems: Vec<(Field, Problem)> = BodyDraft::default()
            .validate(|_| true)
            .expect_err("empty")
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect();
        assert_eq!(
            problems,
            [
                (Field::District, Problem::Required),
                (Field::BodyKind, Problem::Required),
                (Field::BodyName, Problem::Required)
            ]
        );
        let good = BodyDraft {
            id: None,
            district_id: Some(1),
            kind: "social".into(),
            name: "  Ijtimoiy himoya bo'limi ".into(),
            contact: "+998 71 200 00 00".into(),
            active: true,
        };
        let valid = good.validate(|id| id == 1).expect("valid");
        assert_eq!(valid.name, "Ijtimoiy himoya bo'limi");
        assert_eq!(valid.kind, BodyKind::Social);
        assert_eq!(
            good.validate(|_| false).expect_err("unknown district")[0],
            FieldError::new(Field::District, Problem::Malformed)
        );
    }
}
