//! Sharing (issue 15): citations and their metadata, standalone and
//! embeddable charts, social cards.

mod common;

use std::path::Path;

use common::*;

/// The `content` of every `<meta name|property="key">` in `html`, in order.
fn metas(html: &str, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in html.split("<meta ").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if tag.contains(&format!("name=\"{key}\"")) || tag.contains(&format!("property=\"{key}\"")) {
            let v = tag.split("content=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default();
            out.push(v.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""));
        }
    }
    out
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).unwrap_or_else(|| panic!("no JSON-LD")) + open.len();
    let len = html[start..].find("</script>").unwrap_or(0);
    serde_json::from_str(&html[start..start + len]).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}"))
}

fn png_size(path: &Path) -> (u32, u32) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(file).read_info().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut buf = vec![0; reader.output_buffer_size()];
    reader.next_frame(&mut buf).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (reader.info().width, reader.info().height)
}

#[test]
fn briefs_carry_citation_metadata_and_valid_json_ld() {
    let (_tmp, out) = build("sharing", &[]);
    let html = read(&out, "briefs/raporti/index.html");
    let title = "Raporti </script> & “çështja” e sigurisë";
    assert_eq!(metas(&html, "citation_title"), [title]);
    assert_eq!(metas(&html, "citation_author"), ["Arta Krasniqi", "Besnik Hoxha", "Qendra për Siguri dhe Politikë"]);
    assert_eq!(metas(&html, "citation_publication_date"), ["2023/10/14"]);
    assert_eq!(metas(&html, "citation_pdf_url"), ["https://example.org/sub/pdf/raporti.pdf"]);
    // The title's `</script>` does not end the JSON-LD early.
    assert_eq!(html.matches("</script>").count(), html.matches("<script").count(), "{html}");
    let ld = json_ld(&html);
    for key in ["@context", "@type", "headline", "datePublished", "author", "publisher", "url", "inLanguage"] {
        assert!(ld.get(key).is_some(), "JSON-LD lacks {key}: {ld}");
    }
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "Report", "type: report");
    assert_eq!(ld["headline"], title);
    assert_eq!(ld["datePublished"], "2023-10-14");
    assert_eq!(ld["dateModified"], "2023-11-02");
    assert_eq!(ld["author"][1]["name"], "Besnik Hoxha");
    assert_eq!(ld["publisher"]["name"], "Radari");
    assert_eq!(ld["url"], "https://example.org/sub/briefs/raporti/");
    assert_eq!(ld["inLanguage"], "sq");
    // The visible citation, in the page's language.
    assert!(html.contains("Arta Krasniqi, Besnik Hoxha dhe Qendra për Siguri dhe Politikë (2023)"), "{html}");
    assert!(html.contains("href=\"/sub/briefs/raporti/raporti.bib\""), "{html}");

    // A brief without `type:` is an Article; without authors, the site is its author.
    let alfa = read(&out, "briefs/alfa/index.html");
    let ld = json_ld(&alfa);
    assert_eq!(ld["@type"], "Article");
    assert_eq!(ld["author"][0]["name"], "Radari");
    assert!(metas(&alfa, "citation_author").is_empty() && metas(&alfa, "citation_pdf_url").is_empty());
    let en = json_ld(&read(&out, "en/briefs/raporti/index.html"));
    assert_eq!((en["inLanguage"].as_str(), en["publisher"]["name"].as_str()), (Some("en"), Some("The Radar")));
}

#[test]
fn bibtex_and_ris_escape_special_characters_and_keep_albanian_letters() {
    let (_tmp, out) = build("sharing", &[]);
    let bib = read(&out, "briefs/raporti/raporti.bib");
    assert!(bib.starts_with("@techreport{raporti-2023,\n"), "{bib}");
    assert!(bib.contains("  title = {{Raporti </script> \\& “çështja” e sigurisë}},\n"), "{bib}");
    assert!(bib.contains("  author = {Arta Krasniqi and Besnik Hoxha and Qendra për Siguri dhe Politikë},\n"), "{bib}");
    assert!(bib.contains("  institution = {Radari},\n") && bib.contains("  month = oct,\n"), "{bib}");
    assert!(bib.contains("  url = {https://example.org/sub/briefs/raporti/},\n"), "{bib}");
    let ris = read(&out, "briefs/raporti/raporti.ris");
    assert!(ris.starts_with("TY  - RPRT\r\nAU  - Arta Krasniqi\r\n"), "{ris}");
    assert!(ris.contains("TI  - Raporti </script> & “çështja” e sigurisë\r\n"), "{ris}");
    assert!(ris.contains("DA  - 2023/10/14\r\n") && ris.contains("L1  - https://example.org/sub/pdf/raporti.pdf\r\n"));
    assert!(ris.ends_with("ER  -\r\n"), "{ris}");
    let alfa = read(&out, "briefs/alfa/alfa.bib");
    assert!(alfa.starts_with("@misc{alfa-2023,\n") && !alfa.contains("author"), "{alfa}");
    assert!(read(&out, "en/briefs/raporti/raporti.ris").contains("LA  - en\r\n"));
}

#[test]
fn shared_pages_have_absolute_large_cards_of_1200_by_630() {
    let (_tmp, out) = build("sharing", &[]);
    for page in [
        "index.html",
        "en/index.html",
        "briefs/raporti/index.html",
        "en/briefs/raporti/index.html",
        "radar/al/index.html",
        "en/radar/xk/index.html",
        "trackers/berlin/index.html",
        "en/trackers/berlin/index.html",
    ] {
        let html = read(&out, page);
        let url = metas(&html, "og:image").concat();
        let dir = page.trim_end_matches("index.html");
        assert_eq!(url, format!("https://example.org/sub/{dir}card.png"), "{page}");
        assert_eq!(metas(&html, "og:image:width"), ["1200"], "{page}");
        assert_eq!(metas(&html, "og:image:height"), ["630"], "{page}");
        assert!(!metas(&html, "og:image:alt").concat().is_empty(), "{page}");
        assert_eq!(metas(&html, "twitter:card"), ["summary_large_image"], "{page}");
        assert_eq!(png_size(&out.join(format!("{dir}card.png"))), (1200, 630), "{page}");
    }
    // Other pages are shared with their language's home card.
    assert_eq!(metas(&read(&out, "en/briefs/index.html"), "og:image"), ["https://example.org/sub/en/card.png"]);
}

#[test]
fn a_brief_may_name_its_own_image() {
    let (_tmp, out) = build("sharing", &[]);
    let html = read(&out, "en/briefs/imazhi/index.html");
    assert_eq!(metas(&html, "og:image"), ["https://example.org/sub/img/own.png"]);
    assert!(metas(&html, "og:image:width").is_empty(), "raport does not know its size");
    assert!(!out.join("en/briefs/imazhi/card.png").exists());
    assert_eq!(json_ld(&html)["image"], "https://example.org/sub/img/own.png");
}

#[test]
fn cards_are_the_same_bytes_from_the_cache_and_change_with_the_title() {
    let (tmp, root) = site("sharing");
    let root_s = root.to_str().unwrap_or("");
    let build_to = |name: &str| {
        let out = tmp.path().join(name);
        let r = raport(tmp.path(), &["build", "--root", root_s, "--output", out.to_str().unwrap_or("")]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        out
    };
    let first = build_to("one");
    assert!(root.join(".raport-cache/cards").read_dir().is_ok_and(|mut d| d.next().is_some()), "cards are cached");
    let cached = build_to("two");
    assert!(tree(&first) == tree(&cached), "a build from the cache differs");
    std::fs::remove_dir_all(root.join(".raport-cache")).unwrap_or_else(|e| panic!("{e}"));
    let fresh = build_to("three");
    assert!(tree(&first) == tree(&fresh), "a build without the cache differs");

    let card = |out: &Path| std::fs::read(out.join("briefs/alfa/card.png")).unwrap_or_default();
    let brief = root.join("content/briefs/alfa.sq.md");
    let text = std::fs::read_to_string(&brief).unwrap_or_default();
    std::fs::write(&brief, text.replace("Analiza Alfa", "Analiza Alfa e çështjes")).unwrap_or_else(|e| panic!("{e}"));
    let edited = build_to("four");
    assert_ne!(card(&first), card(&edited), "the card follows the title");
    assert_eq!(
        std::fs::read(first.join("briefs/beta/card.png")).ok(),
        std::fs::read(edited.join("briefs/beta/card.png")).ok()
    );
}

/// A card is not copied out of the cache but linked (the same file), and
/// replacing the site (which deletes the previous one) leaves the cache whole.
#[test]
fn cards_are_linked_from_the_cache_not_copied() {
    use std::os::unix::fs::MetadataExt;
    let (tmp, root) = site("sharing");
    let root_s = root.to_str().unwrap_or("");
    for _ in 0..2 {
        let r = raport(tmp.path(), &["build", "--root", root_s]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    let card = std::fs::metadata(root.join("public/briefs/alfa/card.png")).unwrap_or_else(|e| panic!("{e}"));
    let cached: Vec<std::fs::Metadata> = std::fs::read_dir(root.join(".raport-cache/cards"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok()?.metadata().ok())
        .collect();
    assert!(cached.iter().any(|m| m.ino() == card.ino() && m.dev() == card.dev()), "the card is a cache file");
    assert_eq!(card.nlink(), 2, "the cache and the site, nothing else");
    assert!(cached.iter().all(|m| m.len() > 8), "the cache survives replacing the site");
}

/// The `points` of every polygon in `svg`.
fn polygons(svg: &str) -> Vec<&str> {
    svg.split("<polygon").skip(1).filter_map(|p| p.split("points=\"").nth(1)?.split('"').next()).collect()
}

#[test]
fn standalone_charts_are_xml_with_the_page_geometry_title_scale_and_source() {
    let (_tmp, out) = build("sharing", &[]);
    let page = read(&out, "radar/al/index.html");
    let svg = read(&out, "radar/al/radar-al.svg");
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("radar-al.svg: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    assert!(root.attribute("font-family").is_some_and(|f| f.ends_with("sans-serif")));
    let kids: Vec<&str> = root.children().filter(|n| n.is_element()).map(|n| n.tag_name().name()).take(2).collect();
    assert_eq!(kids, ["title", "desc"]);
    let text: String = doc.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
    assert!(
        text.contains("Shkalla: 0–5") && text.contains("Burimi: Radari, https://example.org/sub/radar/al/"),
        "{text}"
    );
    // The same drawing as the page's inline chart.
    let inline = &page[page.find("<svg class=\"radar-chart\"").unwrap_or(0)..];
    let inline = &inline[..inline.find("</svg>").unwrap_or(0)];
    assert!(!polygons(inline).is_empty());
    assert_eq!(polygons(inline), polygons(&svg[svg.find("<svg x=").unwrap_or(0)..]));
    assert!(png_size(&out.join("radar/al/radar-al.png")).0 > 1000);

    let tracker = read(&out, "en/trackers/berlin/tracker-berlin.svg");
    let doc = roxmltree::Document::parse(&tracker).unwrap_or_else(|e| panic!("tracker svg: {e}"));
    let text: String = doc.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
    assert!(text.contains("All countries") && text.contains("Source: The Radar"), "{text}");
    assert!(doc.descendants().any(|n| n.attribute("class") == Some("status-implemented")));

    // The pages offer the files and an embed code; the embed page has the chart and a link back.
    assert!(
        page.contains("href=\"/sub/radar/al/radar-al.svg\"") && page.contains("href=\"/sub/radar/al/radar-al.png\"")
    );
    assert!(page.contains("&lt;iframe src=&quot;https://example.org/sub/radar/al/embed/&quot;"), "{page}");
    let embed = read(&out, "radar/al/embed/index.html");
    assert!(
        embed.contains("<img src=\"/sub/radar/al/radar-al.svg\"")
            && embed.contains("href=\"https://example.org/sub/radar/al/\"")
            && !embed.contains("<style"),
        "{embed}"
    );
    assert!(!embed.contains("site-header") && embed.contains("noindex"));
    assert!(
        read(&out, "en/trackers/berlin/index.html")
            .contains("&lt;iframe src=&quot;https://example.org/sub/en/trackers/berlin/embed/&quot;")
    );
    assert!(!read(&out, "sitemap.xml").contains("embed/"));
}

#[test]
fn a_bad_type_or_image_points_at_the_value() {
    let out = diagnostics_of("invalid/sharing", "check");
    assert!(out.starts_with("exit: 1\n"), "{out}");
    assert!(out.contains("content/briefs/a.sq.md:4:7: error: unknown type `article`"), "{out}");
    assert!(out.contains("content/briefs/a.sq.md:5:8: error: image `img/mungon.png` does not exist"), "{out}");
    assert!(
        out.contains("content/briefs/b.sq.md:4:8: error: `docs/raporti.pdf` is not a PNG, JPEG, GIF or WebP image"),
        "{out}"
    );
}

#[test]
fn a_citation_does_not_add_a_full_stop_after_a_question_mark() {
    // #25: the citation line ended in "?." after a title with a question mark.
    let (tmp, root) = site("sharing");
    let file = root.join("content/briefs/alfa.sq.md");
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    std::fs::write(&file, text.replace("title: \"Analiza Alfa\"", "title: \"Çfarë mbetet për Alfën?\""))
        .unwrap_or_else(|e| panic!("{e}"));
    let r = raport(tmp.path(), &["build", "--root", root.to_str().unwrap_or("")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = read(&root.join("public"), "briefs/alfa/index.html");
    assert!(html.contains("<cite>Çfarë mbetet për Alfën?</cite> <a href="), "{html}");
    assert!(!html.contains("?</cite>."), "{html}");
    // Other titles keep their full stop.
    let other = read(&root.join("public"), "briefs/raporti/index.html");
    assert!(other.contains("</cite>. Radari."), "{other}");
}

/// A PNG's pixels as RGB, with its size.
fn rgb_pixels(bytes: &[u8], what: &str) -> (u32, u32, Vec<u8>) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND);
    let mut reader = dec.read_info().unwrap_or_else(|e| panic!("{what}: {e}"));
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap_or_else(|e| panic!("{what}: {e}"));
    buf.truncate(info.buffer_size());
    let channels = info.color_type.samples();
    let rgb = buf.chunks_exact(channels).flat_map(|p| [p[0], p[1], p[2]]).collect();
    (info.width, info.height, rgb)
}

/// The default theme's cards and charts look as they did before they were
/// drawn and encoded faster (issue 24): `tests/fixtures/cards-before/`
/// holds PNGs of the demo drawn by resvg with the earlier encoder. Cards
/// drawn by resvg may differ in bytes, not in what a reader sees (at most
/// 0.1% of pixels, by at most 8 levels). Cards that are only text (a
/// brief's, the home page's) are drawn flat, their glyphs on a quarter-pixel
/// grid (`src/render/cards/flat.rs`): edges move by at most an eighth of a
/// pixel, so at most 1.5% of pixels differ and none by more than 64 levels;
/// a glyph out of place moves whole pixels and differs by far more.
/// Re-bless after an intended change of the design with `RAPORT_BLESS=1`.
#[test]
fn cards_look_as_before_the_faster_encoder() {
    let (_tmp, root) = demo_copy();
    let r = raport(&root, &["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let before = demo_root().join("tests/fixtures/cards-before");
    // (fixture, output, drawn flat)
    for (name, path, flat) in [
        ("brief-sr.png", "sr/briefs/radar-organizovanog-kriminala/card.png", true),
        ("country-sq.png", "radar/al/card.png", false),
        ("tracker-en.png", "en/trackers/berlin-2022-security/card.png", false),
        ("chart-rs-en.png", "en/radar/rs/radar-rs.png", false),
        ("home-sq.png", "card.png", true),
    ] {
        let now = std::fs::read(root.join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        if std::env::var_os("RAPORT_BLESS").is_some() {
            std::fs::write(before.join(name), &now).unwrap_or_else(|e| panic!("{e}"));
            continue;
        }
        let old = std::fs::read(before.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (w0, h0, a) = rgb_pixels(&old, name);
        let (w1, h1, b) = rgb_pixels(&now, path);
        assert_eq!((w1, h1), (w0, h0), "{path} changed size");
        let mut differ = 0usize;
        let mut worst = 0u8;
        for (pa, pb) in a.chunks_exact(3).zip(b.chunks_exact(3)) {
            let d = pa.iter().zip(pb).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
            if d > 0 {
                differ += 1;
                worst = worst.max(d);
            }
        }
        let pixels = (w0 * h0) as usize;
        let (share, levels) = if flat { (15, 64) } else { (1, 8) };
        assert!(
            differ * 1000 <= pixels * share && worst <= levels,
            "{path}: {differ} of {pixels} pixels differ from {name}, by up to {worst} levels"
        );
    }
}
