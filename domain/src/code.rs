//! Closed sets of codes stored in the database and sent over the wire: every code has
//! exactly one spelling, declared once with `code_enum!`.

/// A code that is not one of the known values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown code `{0}`")]
pub struct UnknownCode(pub String);

/// Declares a closed set of codes with `code()`, `ALL`, `CODES`, `FromStr`, `TryFrom<String>` and
/// `Display`, serialised as its snake_case code.
#[macro_export]
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Every value's code, in the same order (for property tests and pickers; a set
            /// declared in a private module may not use it).
            #[allow(dead_code)]
            pub const CODES: &'static [&'static str] = &[$($code),+];

            /// The stable code used in the database, the API and URLs.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::code::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($code => Ok($name::$variant),)+ _ => Err($crate::code::UnknownCode(s.to_owned())) }
            }
        }

        impl ::std::convert::TryFrom<String> for $name {
            type Error = $crate::code::UnknownCode;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// The index of a code among `all` (0 when absent, which `code_enum!` sets never are).
pub fn index_of<T: PartialEq>(all: &[T], value: &T) -> usize {
    all.iter().position(|v| v == value).unwrap_or(0)
}
