//! The region's languages end to end (issue 23): the seven-language fixture
//! builds with the built-in strings, each page says its language, names the
//! others in themselves, and dates and slugs follow each language.

mod common;

#[test]
fn seven_languages_build_with_built_in_strings_and_their_own_dates() {
    let (tmp, root) = common::site("languages");
    let r = common::raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("no UI strings"), "a built-in language lacks strings:\n{}", r.stderr);
    let out = root.join("public");

    for (prefix, lang) in [("", "sr"), ("sr-Latn/", "sr-Latn"), ("mk/", "mk"), ("bs/", "bs"), ("cnr/", "cnr")] {
        let home = common::read(&out, &format!("{prefix}index.html"));
        assert!(home.contains(&format!("<html lang=\"{lang}\">")), "{prefix}index.html");
        for name in ["Српски", "Srpski", "Македонски", "Bosanski", "Crnogorski", "Shqip", "English"] {
            assert!(home.contains(&format!(">{name}<")), "{prefix}index.html does not name {name}");
        }
        for tag in ["sr", "sr-Latn", "mk", "bs", "cnr", "sq", "en"] {
            assert!(home.contains(&format!("hreflang=\"{tag}\"")), "{prefix}index.html lacks hreflang {tag}");
        }
        let feed = common::read(&out, &format!("{prefix}atom.xml"));
        assert!(feed.contains(&format!("xml:lang=\"{lang}\"")), "{prefix}atom.xml");
    }
    let sitemap = common::read(&out, "sitemap.xml");
    assert!(sitemap.contains("hreflang=\"sr-Latn\"") && sitemap.contains("hreflang=\"cnr\""));

    // Cyrillic titles and file names give the slugs a reader types.
    for (page, date) in [
        ("briefs/bezbednost-u-regionu/index.html", "14. октобар 2023."),
        ("sr-Latn/briefs/bezbednost-u-regionu/index.html", "14. oktobar 2023."),
        ("mk/briefs/bezbednosta-vo-regionot/index.html", "3 февруари 2024\u{202f}г"),
        ("bs/briefs/sigurnost-u-regiji/index.html", "21. maj 2024."),
        ("cnr/briefs/bezbjednost-crne-gore/index.html", "01. decembar 2024."),
    ] {
        let html = common::read(&out, page);
        assert!(html.contains(&format!(">{date}</time>")), "{page} does not date itself {date}");
    }

    // UI strings and counted strings in each language, not English.
    let trackers = common::read(&out, "trackers/index.html");
    assert!(trackers.contains("Праћење препорука") && trackers.contains("1 препорука"), "sr trackers page");
    let mk = common::read(&out, "mk/trackers/index.html");
    assert!(mk.contains("Следење на препораките") && mk.contains("1 препорака"), "mk trackers page");
    let latn = common::read(&out, "sr-Latn/trackers/regional/index.html");
    assert!(latn.contains("Poslednje ažuriranje"), "sr-Latn tracker page");
    // A recommendation written only in Cyrillic shows on the Latin page, marked as Serbian.
    assert!(latn.contains("<span lang=\"sr\">Јачање тужилаштва"), "the fallback text carries its language");
}
