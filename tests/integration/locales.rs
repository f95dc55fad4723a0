//! English and French hold the same messages, with the same variables, and
//! every id the program asks for exists in both.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, Pattern, PatternElement};
use mxdoctor::{Code, Severity, Step};
use mxdoctor::{Lang, Localizer, SOURCES};

/// message id (with `.attr` for attributes) → variables it uses
type Messages = BTreeMap<String, BTreeSet<String>>;

fn vars_in_inline(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => vars_in_expr(expression, out),
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                vars_in_inline(a, out);
            }
        }
        _ => {}
    }
}

fn vars_in_expr(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            vars_in_inline(selector, out);
            for v in variants {
                vars_in_pattern(&v.value, out);
            }
        }
        Expression::Inline(i) => vars_in_inline(i, out),
    }
}

fn vars_in_pattern(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            vars_in_expr(expression, out);
        }
    }
}

fn text_of(p: &Pattern<&str>, out: &mut String) {
    for el in &p.elements {
        match el {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Select { variants, .. },
            } => {
                for v in variants {
                    text_of(&v.value, out);
                }
            }
            PatternElement::Placeable { .. } => out.push('\u{FFFC}'),
        }
    }
}

fn load(lang: Lang) -> (BTreeMap<String, Messages>, Vec<(String, String)>) {
    let (_, files) = SOURCES.iter().find(|(l, _)| *l == lang).unwrap();
    let mut by_file = BTreeMap::new();
    let mut texts = vec![];
    for (name, source) in *files {
        let resource = fluent_syntax::parser::parse(*source)
            .unwrap_or_else(|(_, errors)| panic!("{lang:?}/{name}: {errors:?}"));
        let mut messages = Messages::new();
        for entry in &resource.body {
            let (id, value, attributes): (
                String,
                &Option<Pattern<&str>>,
                &Vec<ast::Attribute<&str>>,
            ) = match entry {
                Entry::Message(m) => (m.id.name.to_string(), &m.value, &m.attributes),
                Entry::Term(t) => {
                    let mut s = String::new();
                    text_of(&t.value, &mut s);
                    texts.push((format!("-{}", t.id.name), s));
                    messages.insert(format!("-{}", t.id.name), BTreeSet::new());
                    continue;
                }
                _ => continue,
            };
            let mut vars = BTreeSet::new();
            if let Some(v) = value {
                vars_in_pattern(v, &mut vars);
                let mut s = String::new();
                text_of(v, &mut s);
                texts.push((id.clone(), s));
            }
            messages.insert(id.clone(), vars);
            for a in attributes {
                let mut vars = BTreeSet::new();
                vars_in_pattern(&a.value, &mut vars);
                let mut s = String::new();
                text_of(&a.value, &mut s);
                texts.push((format!("{id}.{}", a.id.name), s));
                messages.insert(format!("{id}.{}", a.id.name), vars);
            }
        }
        by_file.insert(name.to_string(), messages);
    }
    (by_file, texts)
}

#[test]
fn same_messages_and_variables_in_both_languages() {
    let (en, _) = load(Lang::En);
    let (fr, _) = load(Lang::Fr);
    assert_eq!(
        en.keys().collect::<Vec<_>>(),
        fr.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (file, en_msgs) in &en {
        let fr_msgs = &fr[file];
        let en_ids: BTreeSet<_> = en_msgs.keys().collect();
        let fr_ids: BTreeSet<_> = fr_msgs.keys().collect();
        assert_eq!(en_ids, fr_ids, "{file}: same message ids");
        for (id, vars) in en_msgs {
            assert_eq!(vars, &fr_msgs[id], "{file}: {id} uses the same variables");
        }
    }
}

#[test]
fn every_code_step_and_severity_has_words() {
    for lang in Lang::ALL {
        let loc = Localizer::new(lang);
        let (files, _) = load(lang);
        let all: BTreeMap<_, _> = files.values().flatten().collect();
        for code in Code::ALL {
            for key in [
                code.id().to_string(),
                format!("{}.why", code.id()),
                format!("{}.fix", code.id()),
            ] {
                assert!(all.contains_key(&key), "{lang:?}: {key}");
            }
        }
        for step in Step::ALL {
            assert!(loc.has(&format!("step-{}", step.id())), "{lang:?} {step:?}");
        }
        for s in [
            Severity::Error,
            Severity::Warning,
            Severity::Info,
            Severity::Ok,
        ] {
            assert!(loc.has(&format!("severity-{}", s.id())));
        }
    }
}

/// Message ids named in the source as string literals must exist.
#[test]
fn every_id_the_code_names_exists() {
    let loc = Localizer::new(Lang::En);
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut named = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(src)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Every string literal that looks like a message id.
            for piece in text.split('"').skip(1).step_by(2) {
                let known = [
                    "wiz-",
                    "key-",
                    "help-",
                    "label-",
                    "col-",
                    "report-",
                    "input-",
                    "cli-",
                    "opt-",
                    "demo-",
                    "brand-read",
                    "brand-malformed",
                    "error-",
                    "no-resolver",
                    "nothing-answered",
                    "summary",
                    "answer-",
                ];
                let shaped = piece.contains('-')
                    && piece.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !piece.ends_with('-');
                if shaped && known.iter().any(|k| piece.starts_with(k)) {
                    named.insert(piece.to_string());
                }
            }
        }
    }
    assert!(named.len() > 40, "found only {named:?}");
    for id in named {
        assert!(
            loc.has(&id),
            "{id} is named in src/ but missing from the locales"
        );
    }
}

#[test]
fn french_typography() {
    // A file to be saved as TOML: its quotes are the syntax's, not prose.
    const CODE: &[&str] = &["config-template"];
    let (_, texts) = load(Lang::Fr);
    for (id, text) in texts
        .into_iter()
        .filter(|(id, _)| !CODE.contains(&id.as_str()))
    {
        for bad in [" :", " ;", " ?", " !", "« ", " »"] {
            assert!(
                !text.contains(bad),
                "{id}: ordinary space in {bad:?}: {text}"
            );
        }
        assert!(!text.contains('"'), "{id}: use « » in French: {text}");
        assert!(
            !text.contains('\''),
            "{id}: use the typographic apostrophe: {text}"
        );
    }
}

#[test]
fn every_input_error_has_words() {
    let long_label = format!("{}.com", "a".repeat(64));
    let long_name = format!("{}com", "abcdefghi.".repeat(26));
    let inputs = [
        "",
        "a\u{7}.com",
        "a b.com",
        "192.0.2.1",
        "*.a.com",
        &long_name,
        &long_label,
        "a..com",
        "localhost",
        "a_b.com",
    ];
    let mut seen = BTreeSet::new();
    for lang in Lang::ALL {
        let loc = Localizer::new(lang);
        for input in inputs {
            let id = mxdoctor::parse_domain(input).unwrap_err().message_id();
            seen.insert(id);
            assert!(loc.has(id), "{lang:?}: {id}");
        }
    }
    assert_eq!(
        seen.len(),
        inputs.len(),
        "each input shows a different error"
    );
}

#[test]
fn every_key_has_words_in_both_languages() {
    let mut ids = vec![];
    for b in mxdoctor::wizard::KEYS {
        ids.extend(b.footer.as_ref().map(|f| f.word));
        ids.extend(b.help.map(|(_, id)| id));
    }
    assert!(ids.len() > 20, "{ids:?}");
    for lang in Lang::ALL {
        let loc = Localizer::new(lang);
        for id in &ids {
            assert!(loc.has(id), "{lang:?}: no words for key {id}");
        }
    }
}

#[test]
fn lists_are_worded_per_language() {
    let brand = mxdoctor::Brand::built_in("cloudflare").unwrap();
    for (lang, two, three) in [
        (Lang::En, "a and b", "a, b and c"),
        (Lang::Fr, "a et b", "a, b et c"),
    ] {
        let loc = Localizer::new(lang);
        let words = mxdoctor::Words {
            loc: &loc,
            brand: &brand,
        };
        let list = |items: &[&str]| words.list(items.iter().map(ToString::to_string));
        assert_eq!(list(&["a"]), "a");
        assert_eq!(list(&["a", "b"]), two);
        assert_eq!(list(&["a", "b", "c"]), three);
        let f = mxdoctor::Finding::new(Code::MxTargetProxied)
            .arg("host", "mail.example.com")
            .addresses(
                "address",
                &[
                    "104.16.1.1".parse().unwrap(),
                    "2606:4700::1".parse().unwrap(),
                ],
            );
        let line = words.line(&f);
        let want = if lang == Lang::En {
            "104.16.1.1 and 2606:4700::1"
        } else {
            "104.16.1.1 et 2606:4700::1"
        };
        assert!(line.contains(want), "{line}");
    }
}

/// No id is defined twice in a language: the program loads the files
/// without a panic path, so a second definition would silently win.
#[test]
fn no_id_is_defined_twice() {
    for lang in Lang::ALL {
        let (_, files) = SOURCES.iter().find(|(l, _)| *l == lang).unwrap();
        let mut seen = BTreeSet::new();
        for (name, source) in *files {
            let resource = fluent_syntax::parser::parse(*source).unwrap();
            for entry in &resource.body {
                let id = match entry {
                    Entry::Message(m) => m.id.name.to_string(),
                    Entry::Term(t) => format!("-{}", t.id.name),
                    _ => continue,
                };
                assert!(seen.insert(id.clone()), "{lang:?}/{name}: {id} twice");
            }
        }
    }
}

/// Messages are parsed as they are first asked for. Each one, asked first
/// of a fresh localizer, says what the whole files parsed at once say:
/// the messages and terms it names included.
#[test]
fn a_message_parsed_alone_says_what_the_whole_files_say() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    for lang in Lang::ALL {
        let (files, _) = load(lang);
        let (_, sources) = SOURCES.iter().find(|(l, _)| *l == lang).unwrap();
        let mut whole = FluentBundle::new(vec![lang.langid()]);
        whole.set_use_isolating(false);
        for (_, text) in *sources {
            whole.add_resource_overriding(FluentResource::try_new((*text).to_string()).unwrap());
        }
        let mut said = 0;
        for (key, vars) in files.values().flatten() {
            if key.starts_with('-') {
                continue;
            }
            let (id, attr) = match key.split_once('.') {
                Some((id, attr)) => (id, Some(attr)),
                None => (key.as_str(), None),
            };
            let values: Vec<(&str, std::borrow::Cow<'_, str>)> =
                vars.iter().map(|v| (v.as_str(), "7".into())).collect();
            let mut args = FluentArgs::new();
            for v in vars {
                args.set(v.as_str(), 7);
            }
            let message = whole.get_message(id).unwrap();
            let pattern = match attr {
                Some(a) => message.get_attribute(a).unwrap().value(),
                None => message.value().unwrap(),
            };
            let expected = whole
                .format_pattern(pattern, Some(&args), &mut vec![])
                .into_owned();
            let loc = Localizer::new(lang);
            let got = match attr {
                Some(a) => loc.attr(id, a, &values),
                None => loc.msg(id, &values),
            };
            assert_eq!(got, expected, "{lang:?} {key}");
            said += 1;
        }
        assert!(said > 300, "{lang:?}: {said}");
    }
}
