//! Where the traffic lights change colour: administrators set it on the dashboard (the same
//! thresholds for every district), in percentages; each change is audited.

use domain::metrics::LightThresholds;
use domain::monitoring::thresholds::{ThresholdField, ThresholdsDraft};
use leptos::prelude::*;

use crate::context::use_monitoring_texts;
use crate::error::AppError;
use crate::ui::{FormFailure, FormState, SubmitButton};

/// Sets the traffic lights' thresholds. `POST /api/monitoring/thresholds` with
/// `{"draft": {"breach_yellow": 10, "breach_red": 25, "reopen_yellow": 10, "reopen_red": 20,
/// "solved_yellow": 70, "solved_red": 50}}` (percentages). Administrators only.
#[server(prefix = "/api", endpoint = "monitoring/thresholds", input = server_fn::codec::Json)]
pub async fn save_thresholds(draft: ThresholdsDraft) -> Result<(), AppError> {
    use domain::audit::AuditAction;
    use storage::AuditNote;
    crate::server::respond(
        async {
            let ctx = crate::server::context()?;
            let viewer = crate::server::session::viewer_in_context(&ctx).await?;
            viewer.audit_scope()?;
            let thresholds = draft.validate().map_err(AppError::Invalid)?;
            let audit = AuditNote {
                detail: serde_json::to_string(&thresholds).unwrap_or_default(),
                ..crate::server::audit_note(&ctx, &viewer, AuditAction::ThresholdsChanged)
            };
            ctx.storage
                .save_light_thresholds(&thresholds, crate::server::now(), &audit)
                .await?;
            Ok(())
        }
        .await,
    )
}

/// The thresholds form, filled with those in force; `on_saved` runs after a change.
#[component]
pub fn ThresholdsForm(thresholds: LightThresholds, on_saved: Callback<()>) -> impl IntoView {
    let m = use_monitoring_texts();
    let start = ThresholdsDraft::of(&thresholds);
    let form = FormState::new();
    let action = ServerAction::<SaveThresholds>::new();
    form.follow(action.value(), move |_| on_saved.run(()));
    let fields: Vec<(ThresholdField, RwSignal<String>)> = [
        (ThresholdField::BreachYellow, start.breach_yellow),
        (ThresholdField::BreachRed, start.breach_red),
        (ThresholdField::ReopenYellow, start.reopen_yellow),
        (ThresholdField::ReopenRed, start.reopen_red),
        (ThresholdField::SolvedYellow, start.solved_yellow),
        (ThresholdField::SolvedRed, start.solved_red),
    ]
    .into_iter()
    .map(|(field, value)| {
        (
            field,
            RwSignal::new(value.map(|v| m.number(v)).unwrap_or_default()),
        )
    })
    .collect();
    let values = StoredValue::new(fields.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let read = |i: usize| {
            values.with_value(|all| {
                all[i]
                    .1
                    .get_untracked()
                    .replace(',', ".")
                    .trim()
                    .parse()
                    .ok()
            })
        };
        let draft = ThresholdsDraft {
            breach_yellow: read(0),
            breach_red: read(1),
            reopen_yellow: read(2),
            reopen_red: read(3),
            solved_yellow: read(4),
            solved_red: read(5),
        };
        if form.check(draft.validate()).is_some() {
            action.dispatch(SaveThresholds { draft });
        }
    };
    view! {
        <details class="thresholds" data-testid="thresholds">
            <summary>{m.thresholds_title}</summary>
            <p class="hint">{m.thresholds_intro}</p>
            <form on:submit=on_submit novalidate class="filters">
                {fields.into_iter().enumerate().map(|(i, (field, value))| {
                    let id = field.code();
                    let error = form.message(field);
                    view! {
                        <div class="field">
                            <label for=id>{m.threshold_names[i]}</label>
                            <input id=id name=id type="text" inputmode="decimal"
                                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                                prop:value=move || value.get()
                                on:input=move |ev| value.set(event_target_value(&ev)) />
                            <crate::ui::FieldMessage id error />
                        </div>
                    }
                }).collect_view()}
                <FormFailure form />
                <SubmitButton sending=action.pending()>{m.thresholds_save}</SubmitButton>
            </form>
        </details>
    }
}
