//! Command line and environment: what the server listens on and where it keeps its data.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

/// Smart Mahalla: citizens' appeals and the prevention inspectors' board.
#[derive(Debug, Parser)]
#[command(name = "smart-mahalla", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The `serve` options, also when no command was given (then from the environment and
    /// defaults, as `smart-mahalla serve` would read them).
    pub fn into_serve_args(self) -> ServeArgs {
        match self.command {
            Some(Command::Serve(args)) => args,
            _ => match Cli::parse_from(["smart-mahalla", "serve"]).command {
                Some(Command::Serve(args)) => args,
                _ => ServeArgs::default(),
            },
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app and its /api endpoints (the default when no command is given).
    Serve(ServeArgs),
    /// Manage accounts from the command line.
    Admin(AdminArgs),
    /// Classify appeals: one text per line on stdin, one JSON object per line on stdout
    /// (`{"category": "utilities", "urgent": false, "confidence": 0.93}`).
    Classify(ClassifyArgs),
}

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Instead: print accuracy, macro-F1, per-category precision and recall, urgent recall and
    /// the confusion matrix on the held-out set and by 5-fold cross-validation.
    #[arg(long)]
    pub evaluate: bool,

    /// Instead: print the appeals staff corrected, with their corrected labels, as new
    /// labelled data (the corpus format: category, urgent, lang, text — TAB-separated).
    /// The texts are citizens' words: keep the file where personal data may be kept.
    #[arg(long, conflicts_with = "evaluate")]
    pub export_corrections: bool,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct AdminArgs {
    #[command(subcommand)]
    pub command: AdminCommand,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a system administrator (the first account of a new installation). The password
    /// is read from SMART_MAHALLA_ADMIN_PASSWORD, or asked for twice at a prompt — never a flag.
    Create {
        /// Login phone, e.g. "+998 90 123 45 67".
        #[arg(long)]
        phone: String,
        /// Full name shown to other staff.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Remove the demonstration data of `serve --demo`: the demo appeals with their history,
    /// and the demo accounts with their sessions (an account real records name is kept
    /// inactive, without a password). Afterwards the demo password signs nobody in.
    DemoRemove,
    /// Check the stored appeals (after a crash, a restore, a full disk): every appeal has its
    /// `filed` and `classified` events and its `appeal_filed` audit entry (demo appeals have
    /// none), no event or audit entry names a missing appeal, and every registration number
    /// is unique and within its year's counter. Prints the counts; exits non-zero when an
    /// appeal is half-written.
    CheckAppeals,
    /// Print every registration number stored, one per line, in filing order.
    ListNumbers,
}

/// Where the data lives (shared by every command that opens the database).
#[derive(Debug, Clone, Args, Default)]
pub struct DatabaseArgs {
    /// Folder for the SQLite database and other local data (created when missing).
    #[arg(
        long,
        env = "SMART_MAHALLA_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Database to use: `postgres://user:password@host:5432/name` runs on PostgreSQL
    /// [default: the SQLite file smart-mahalla.db in the data folder]
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Largest number of database connections in the pool.
    #[arg(
        long,
        env = "SMART_MAHALLA_DB_CONNECTIONS",
        default_value_t = 8,
        global = true
    )]
    pub db_connections: u32,
}

impl DatabaseArgs {
    /// The database URL: the one given, or SQLite in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.trim().to_owned(),
            _ => sqlite_url(&self.data_dir.join("smart-mahalla.db")),
        }
    }
}

#[derive(Debug, Clone, Args, Default)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:3000, or LEPTOS_SITE_ADDR when set]
    #[arg(long, env = "SMART_MAHALLA_ADDR")]
    pub addr: Option<SocketAddr>,

    #[command(flatten)]
    pub database: DatabaseArgs,

    /// Folder with the built site (pkg/ and static files) [default: the `site` folder
    /// next to the binary's folder, i.e. target/site]
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<PathBuf>,

    /// Fill an empty database with demonstration appeals in several stages, and create the
    /// demonstration accounts (never use on a real deployment).
    #[arg(long, env = "SMART_MAHALLA_DEMO")]
    pub demo: bool,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "SMART_MAHALLA_SESSION_IDLE_MINUTES", default_value_t = 60)]
    pub session_idle_minutes: i64,

    /// How long a session lasts at most from its sign-in, however active it is: hours
    /// ("12"), or a duration ("90m", "8h", "1d").
    #[arg(long, env = "SMART_MAHALLA_SESSION_LIFETIME", default_value = "12", value_parser = parse_lifetime)]
    pub session_lifetime: std::time::Duration,

    /// Mark the session cookie Secure: set when the site is served over HTTPS (e.g. behind
    /// a TLS-terminating proxy).
    #[arg(long, env = "SMART_MAHALLA_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Take the client address from X-Forwarded-For; only behind a proxy you control.
    #[arg(long, env = "SMART_MAHALLA_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// Failed sign-ins per phone (four times as many per client address) before each further
    /// one locks it out for a growing time (5 s, 10 s, … up to 15 minutes).
    #[arg(long, env = "SMART_MAHALLA_SIGN_IN_FREE_FAILURES", default_value_t = 5)]
    pub sign_in_free_failures: i64,

    /// Appeals one citizen account may file per 24 hours.
    #[arg(
        long,
        env = "SMART_MAHALLA_APPEALS_PER_ACCOUNT_PER_DAY",
        default_value_t = 10
    )]
    pub appeals_per_account_per_day: i64,

    /// Appeals that may come from one client address per hour.
    #[arg(
        long,
        env = "SMART_MAHALLA_APPEALS_PER_ADDRESS_PER_HOUR",
        default_value_t = 30
    )]
    pub appeals_per_address_per_hour: i64,

    /// New citizen accounts that may be registered from one client address per hour.
    #[arg(
        long,
        env = "SMART_MAHALLA_REGISTRATIONS_PER_ADDRESS_PER_HOUR",
        default_value_t = 10
    )]
    pub registrations_per_address_per_hour: i64,

    /// Folder for appeals' photo files [default: photos/ in the data folder]. Servers that
    /// share one PostgreSQL database must share this folder too (e.g. a network mount).
    #[arg(long, env = "SMART_MAHALLA_PHOTOS_DIR")]
    pub photos_dir: Option<PathBuf>,

    #[command(flatten)]
    pub deadlines: DeadlineArgs,
}

/// The deadlines of the law on appeals (ZRU-445), as configurable defaults.
#[derive(Debug, Clone, Args)]
pub struct DeadlineArgs {
    /// Days within which an ariza or shikoyat is answered, counted from registration.
    #[arg(long, env = "SMART_MAHALLA_ANSWER_DAYS", default_value_t = 15)]
    pub answer_days: u64,

    /// Months within which a taklif (proposal) is answered.
    #[arg(long, env = "SMART_MAHALLA_PROPOSAL_MONTHS", default_value_t = 1)]
    pub proposal_months: u32,

    /// Tashkent time (HH:MM) from which an arriving appeal counts from the next working day.
    #[arg(long, env = "SMART_MAHALLA_OFFICE_CLOSES", default_value = "18:00", value_parser = parse_time)]
    pub office_closes: chrono::NaiveTime,

    /// Days the office does not work, e.g. "sat,sun" (registration moves past them).
    #[arg(long, env = "SMART_MAHALLA_DAYS_OFF", default_value = "sat,sun", value_parser = parse_days)]
    pub days_off: DaysOff,

    /// Days within which an appeal outside the body's competence reaches the competent body.
    #[arg(long, env = "SMART_MAHALLA_FORWARD_DAYS", default_value_t = 5)]
    pub forward_days: u64,

    /// The most months one extension of a term may add.
    #[arg(long, env = "SMART_MAHALLA_EXTENSION_MONTHS", default_value_t = 1)]
    pub extension_months: u32,

    /// Days after registration within which the citizen is told that a taklif needs
    /// additional study.
    #[arg(long, env = "SMART_MAHALLA_STUDY_NOTICE_DAYS", default_value_t = 10)]
    pub study_notice_days: u64,
}

impl Default for DeadlineArgs {
    fn default() -> Self {
        let rules = domain::deadline::DeadlineRules::default();
        DeadlineArgs {
            answer_days: rules.short_term_days,
            proposal_months: rules.long_term_months,
            office_closes: rules.office_closes,
            days_off: DaysOff(rules.days_off),
            forward_days: rules.forward_within_days,
            extension_months: rules.extension_max_months,
            study_notice_days: rules.study_notice_within_days,
        }
    }
}

impl DeadlineArgs {
    pub fn rules(&self) -> domain::deadline::DeadlineRules {
        domain::deadline::DeadlineRules {
            short_term_days: self.answer_days,
            long_term_months: self.proposal_months,
            office_closes: self.office_closes,
            days_off: self.days_off.0.clone(),
            forward_within_days: self.forward_days,
            extension_max_months: self.extension_months,
            study_notice_within_days: self.study_notice_days,
            ..domain::deadline::DeadlineRules::default()
        }
    }
}

/// Weekdays off, as `--days-off` reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaysOff(pub Vec<chrono::Weekday>);

fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| format!("{text:?} is not a time like 18:00"))
}

/// A session lifetime: a number of hours, or a number with a unit (s, m, h, d).
fn parse_lifetime(text: &str) -> Result<std::time::Duration, String> {
    let text = text.trim();
    let unit_at = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(unit_at);
    let seconds_per = match unit.trim() {
        "" | "h" => 3_600,
        "s" => 1,
        "m" => 60,
        "d" => 86_400,
        _ => return Err(format!("{text:?} is not a duration like 12, 90m, 8h or 1d")),
    };
    match number.parse::<u64>() {
        Ok(n) if n > 0 => Ok(std::time::Duration::from_secs(
            n.saturating_mul(seconds_per),
        )),
        _ => Err(format!(
            "{text:?} is not a duration like 12, 90m, 8h or 1d (more than zero)"
        )),
    }
}

fn parse_days(text: &str) -> Result<DaysOff, String> {
    let days = text
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            d.parse::<chrono::Weekday>()
                .map_err(|_| format!("{d:?} is not a weekday (mon, tue, … sun)"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if days.len() >= 7 {
        return Err("at least one day of the week must be a working day".into());
    }
    Ok(DaysOff(days))
}

impl ServeArgs {
    /// The routes' settings: sessions and abuse limits as configured.
    pub fn settings(&self) -> crate::routes::Settings {
        let defaults = crate::routes::Settings::default();
        crate::routes::Settings {
            limits: domain::limits::Limits {
                sign_in: domain::limits::LockoutPolicy {
                    free_failures: self.sign_in_free_failures,
                    ..defaults.limits.sign_in
                },
                appeals_per_account_per_day: self.appeals_per_account_per_day,
                appeals_per_address_per_hour: self.appeals_per_address_per_hour,
                registrations_per_address_per_hour: self.registrations_per_address_per_hour,
            },
            session_idle: time::Duration::minutes(self.session_idle_minutes.max(1)),
            // Zero only from `ServeArgs::default()`; the command line refuses it.
            session_lifetime: Some(self.session_lifetime)
                .filter(|lifetime| !lifetime.is_zero())
                .unwrap_or(defaults.session_lifetime),
            live_recheck: defaults.live_recheck,
            secure_cookies: self.secure_cookies,
            trust_forwarded_for: self.trust_forwarded_for,
            rules: self.deadlines.rules(),
            hashes_at_once: defaults.hashes_at_once,
            stopping: defaults.stopping,
            photo_files: std::sync::Arc::new(storage::DiskPhotoFiles::new(self.photos_dir())),
        }
    }

    /// The folder of photo files: the one given, or `photos/` in the data folder.
    pub fn photos_dir(&self) -> PathBuf {
        self.photos_dir
            .clone()
            .unwrap_or_else(|| self.database.data_dir.join("photos"))
    }

    /// The address to listen on.
    pub fn listen_addr(&self) -> SocketAddr {
        self.addr
            .or_else(|| std::env::var("LEPTOS_SITE_ADDR").ok()?.parse().ok())
            .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000)))
    }

    /// The built site: given, or `<binary folder>/../site`, or `target/site`.
    pub fn site_root(&self) -> PathBuf {
        if let Some(root) = &self.site_root {
            return root.clone();
        }
        std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.parent()?.join("site")))
            .filter(|dir| dir.join("pkg").is_dir())
            .unwrap_or_else(|| PathBuf::from("target/site"))
    }
}

/// `sqlite://<path>?mode=rwc`: read-write, created when missing.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// Hides the password of a database URL for logs: `postgres://ci:***@host/db`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_in_the_data_folder_is_the_default_database() {
        let args = DatabaseArgs {
            data_dir: PathBuf::from("./data"),
            ..DatabaseArgs::default()
        };
        assert_eq!(
            args.database_url(),
            "sqlite://./data/smart-mahalla.db?mode=rwc"
        );
    }

    #[test]
    fn a_given_database_url_wins() {
        let args = DatabaseArgs {
            database_url: Some("postgres://a:b@h/db".into()),
            ..DatabaseArgs::default()
        };
        assert_eq!(args.database_url(), "postgres://a:b@h/db");
    }

    #[test]
    fn passwords_are_hidden_in_logged_urls() {
        assert_eq!(
            redact("postgres://ci:secret@127.0.0.1:5432/sm"),
            "postgres://ci:***@127.0.0.1:5432/sm"
        );
        assert_eq!(
            redact("sqlite://./data/x.db?mode=rwc"),
            "sqlite://./data/x.db?mode=rwc"
        );
    }

    #[test]
    fn deadline_rules_come_from_the_command_line() {
        let cli = Cli::parse_from([
            "smart-mahalla",
            "serve",
            "--answer-days",
            "10",
            "--days-off",
            "sun",
            "--office-closes",
            "17:30",
            "--forward-days",
            "3",
        ]);
        let rules = cli.into_serve_args().settings().rules;
        assert_eq!(rules.short_term_days, 10);
        assert_eq!(rules.days_off, [chrono::Weekday::Sun]);
        assert_eq!(rules.office_closes.to_string(), "17:30:00");
        assert_eq!(rules.forward_within_days, 3);
        assert_eq!(rules.extension_max_months, 1);
        let defaults = Cli::parse_from(["smart-mahalla", "serve"])
            .into_serve_args()
            .settings()
            .rules;
        assert_eq!(defaults, domain::deadline::DeadlineRules::default());
        assert!(parse_days("sat,sun,mon,tue,wed,thu,fri").is_err());
        assert!(parse_time("6pm").is_err());
    }

    #[test]
    fn sessions_last_twelve_hours_unless_told_otherwise() {
        let hours = |h: u64| std::time::Duration::from_secs(h * 3_600);
        let defaults = Cli::parse_from(["smart-mahalla", "serve"])
            .into_serve_args()
            .settings();
        assert_eq!(defaults.session_lifetime, hours(12));
        assert_eq!(ServeArgs::default().settings().session_lifetime, hours(12));
        let cli = Cli::parse_from(["smart-mahalla", "serve", "--session-lifetime", "8"]);
        assert_eq!(cli.into_serve_args().settings().session_lifetime, hours(8));
        assert_eq!(
            parse_lifetime("90m"),
            Ok(std::time::Duration::from_secs(90 * 60))
        );
        assert_eq!(parse_lifetime(" 8h "), Ok(hours(8)));
        assert_eq!(parse_lifetime("1d"), Ok(hours(24)));
        assert_eq!(
            parse_lifetime("45s"),
            Ok(std::time::Duration::from_secs(45))
        );
        for wrong in ["0", "", "h", "12w", "-3", "1.5h"] {
            assert!(parse_lifetime(wrong).is_err(), "{wrong:?}");
        }
    }

    #[test]
    fn help_explains_the_options() {
        use clap::CommandFactory;
        let mut cli = Cli::command();
        let help = cli
            .find_subcommand_mut("serve")
            .expect("serve command")
            .render_long_help()
            .to_string();
        for option in [
            "--addr",
            "--data-dir",
            "--database-url",
            "DATABASE_URL",
            "--demo",
            "--session-lifetime",
            "SMART_MAHALLA_SESSION_LIFETIME",
            "--answer-days",
            "--forward-days",
            "--extension-months",
        ] {
            assert!(help.contains(option), "help lacks {option}:\n{help}");
        }
    }
}
