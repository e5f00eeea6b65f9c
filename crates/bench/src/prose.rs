//! Sentence pools for the benchmark corpus: paired Albanian and English
//! policy prose about organised crime, regional security, EU accession and
//! Chapter 24. Each pair is one sentence and its translation, so the `sq`
//! and `en` files of a generated brief say the same thing.
//!
//! Placeholders, filled per brief by `corpus`: `{C}` a country (nominative),
//! `{CG}` its genitive (Albanian; English uses the plain name), `{CL}` "in
//! <country>", `{Y}`/`{Y2}` years, `{N}` a count, `{P}` a percentage.

/// One text in Albanian and in English.
pub type Pair = (&'static str, &'static str);

/// A country's name in the forms the sentences need: code, then Albanian
/// nominative, genitive and locative phrase, then English name.
pub const COUNTRIES: &[(&str, &str, &str, &str, &str)] = &[
    ("al", "Shqipëria", "Shqipërisë", "në Shqipëri", "Albania"),
    ("ba", "Bosnja dhe Hercegovina", "Bosnjës dhe Hercegovinës", "në Bosnje dhe Hercegovinë", "Bosnia and Herzegovina"),
    ("xk", "Kosova", "Kosovës", "në Kosovë", "Kosovo"),
    ("me", "Mali i Zi", "Malit të Zi", "në Mal të Zi", "Montenegro"),
    ("mk", "Maqedonia e Veriut", "Maqedonisë së Veriut", "në Maqedoninë e Veriut", "North Macedonia"),
    ("rs", "Serbia", "Serbisë", "në Serbi", "Serbia"),
];

/// Body sentences.
pub const SENTENCES: &[Pair] = &[
    (
        "Krimi i organizuar mbetet një nga kërcënimet kryesore për sigurinë dhe qeverisjen demokratike në Ballkanin Perëndimor.",
        "Organised crime remains one of the main threats to security and democratic governance in the Western Balkans.",
    ),
    (
        "Në vitin {Y}, autoritetet e {CG} raportuan {N} hetime të reja për pastrim parash, por vetëm një pjesë e vogël përfundoi me dënim.",
        "In {Y}, the authorities of {C} reported {N} new money-laundering investigations, yet only a small share ended in a conviction.",
    ),
    (
        "Kapitulli 24 i negociatave të anëtarësimit kërkon institucione të pavarura, të financuara mirë dhe të mbrojtura nga ndikimi politik.",
        "Chapter 24 of the accession negotiations requires independent institutions that are well funded and shielded from political influence.",
    ),
    (
        "Raporti i fundit i Komisionit Evropian vëren përparim të kufizuar {CL} në luftën kundër korrupsionit të nivelit të lartë.",
        "The European Commission's latest report notes limited progress {CL} in the fight against high-level corruption.",
    ),
    (
        "Bashkëpunimi rajonal policor është forcuar, por shkëmbimi i të dhënave mes prokurorive mbetet i ngadaltë dhe i pjesshëm.",
        "Regional police cooperation has grown stronger, but the exchange of data between prosecution offices remains slow and partial.",
    ),
    (
        "Organizatat e shoqërisë civile luajnë një rol të rëndësishëm në monitorimin e zbatimit të reformave në sektorin e sigurisë.",
        "Civil society organisations play an important role in monitoring the implementation of security sector reforms.",
    ),
    (
        "Sipas të dhënave zyrtare, {P} për qind e rasteve të trafikimit të drogës u mbyllën pa një vendim përfundimtar gjykate.",
        "According to official data, {P} per cent of drug-trafficking cases were closed without a final court decision.",
    ),
    (
        "Konfiskimi i pasurive të paligjshme është ende i rrallë, ndonëse korniza ligjore u ndryshua në vitin {Y}.",
        "The confiscation of illegal assets is still rare, even though the legal framework was amended in {Y}.",
    ),
    (
        "Qeveria e {CG} miratoi një strategji të re kundër krimit të organizuar, por plani i veprimit nuk ka buxhet të mjaftueshëm.",
        "The government of {C} adopted a new strategy against organised crime, but the action plan lacks an adequate budget.",
    ),
    (
        "Procesi i Berlinit ka krijuar një hapësirë për dialog mes qeverive, ekspertëve dhe shoqërisë civile të rajonit.",
        "The Berlin Process has created a space for dialogue between the region's governments, experts and civil society.",
    ),
    (
        "Gazetarët që hetojnë lidhjet mes politikës dhe krimit përballen shpesh me kërcënime, padi dhe presion ekonomik.",
        "Journalists who investigate the links between politics and crime often face threats, lawsuits and economic pressure.",
    ),
    (
        "Njësitë e specializuara kundër korrupsionit kanë nevojë për më shumë hetues financiarë dhe për qasje të drejtpërdrejtë në regjistra.",
        "Specialised anti-corruption units need more financial investigators and direct access to registries.",
    ),
    (
        "Kontrolli parlamentar mbi shërbimet e sigurisë mbetet formal dhe rrallë shoqërohet me seanca dëgjimore publike.",
        "Parliamentary oversight of the security services remains formal and is rarely accompanied by public hearings.",
    ),
    (
        "Ekspertët e intervistuar për këtë studim theksuan mungesën e besimit të qytetarëve te drejtësia.",
        "The experts interviewed for this study stressed citizens' lack of trust in the justice system.",
    ),
    (
        "Rrugët e kontrabandës përmes Ballkanit lidhin portet e Adriatikut me tregjet e Evropës Perëndimore.",
        "Smuggling routes through the Balkans connect the Adriatic ports with the markets of Western Europe.",
    ),
    (
        "Në periudhën {Y}–{Y2}, numri i grupeve kriminale të identifikuara nga policia u rrit me {P} për qind.",
        "Between {Y} and {Y2}, the number of criminal groups identified by the police grew by {P} per cent.",
    ),
    (
        "Reforma në drejtësi {CL} ka sjellë rivlerësimin e gjyqtarëve dhe prokurorëve, me rezultate të përziera.",
        "Justice reform {CL} has brought the vetting of judges and prosecutors, with mixed results.",
    ),
    (
        "Një qasje më e integruar do të kërkonte koordinim të ngushtë mes policisë, doganave dhe njësive të inteligjencës financiare.",
        "A more integrated approach would require close coordination between the police, customs and financial intelligence units.",
    ),
    (
        "Europoli dhe Eurojusti ofrojnë mbështetje operative, por përdorimi i tyre nga vendet e rajonit është ende i pabarabartë.",
        "Europol and Eurojust offer operational support, but the countries of the region still use them unevenly.",
    ),
    (
        "Korrupsioni në prokurimin publik mbetet fusha ku rreziku i kapjes së shtetit është më i lartë.",
        "Corruption in public procurement remains the area where the risk of state capture is highest.",
    ),
    (
        "Mbrojtja e sinjalizuesve është parashikuar në ligj, por në praktikë pak raste arrijnë në gjykatë.",
        "Whistleblower protection is provided for in law, but in practice few cases reach the courts.",
    ),
    (
        "Të dhënat e hapura për statistikat e krimit do të lejonin një debat publik më të informuar dhe më të ndershëm.",
        "Open data on crime statistics would allow a better-informed and more honest public debate.",
    ),
    (
        "Ndikimi i aktorëve të jashtëm, përfshirë investimet e paqarta, shton rreziqet për sigurinë rajonale.",
        "The influence of external actors, including opaque investments, adds to the risks for regional security.",
    ),
    (
        "Marrëveshjet dypalëshe për ekstradimin janë përmirësuar, por procedurat zgjasin shpesh më shumë se një vit.",
        "Bilateral extradition agreements have improved, but the procedures often take more than a year.",
    ),
    (
        "Kjo analizë mbështetet në dokumente zyrtare, raporte ndërkombëtare dhe {N} intervista me zyrtarë e ekspertë.",
        "This analysis draws on official documents, international reports and {N} interviews with officials and experts.",
    ),
    (
        "Për shkak të mungesës së burimeve, shumë hetime financiare ndërpriten përpara se të identifikohen përfituesit realë.",
        "For lack of resources, many financial investigations stop before the beneficial owners are identified.",
    ),
    (
        "Përparimi drejt anëtarësimit në BE varet gjithnjë e më shumë nga rezultatet e prekshme në sundimin e ligjit.",
        "Progress towards EU membership depends more and more on tangible results in the rule of law.",
    ),
    (
        "Kufiri i gjelbër mes vendeve të rajonit përdoret ende për kontrabandën e cigareve, armëve dhe emigrantëve.",
        "The green border between the countries of the region is still used to smuggle cigarettes, weapons and migrants.",
    ),
    (
        "Institucionet duhet të publikojnë rregullisht të dhëna mbi ndjekjet penale, dënimet dhe pasuritë e konfiskuara.",
        "Institutions should regularly publish data on prosecutions, convictions and confiscated assets.",
    ),
    (
        "Krimi kibernetik është një fushë e re ku kapacitetet e policisë së {CG} mbeten shumë të kufizuara.",
        "Cybercrime is a new area in which the capacities of the police of {C} remain very limited.",
    ),
    (
        "Komuniteti ndërkombëtar ka financuar dhjetëra projekte, por qëndrueshmëria e tyre pas përfundimit të grantit është e dyshimtë.",
        "The international community has funded dozens of projects, but their sustainability after the grant ends is doubtful.",
    ),
    (
        "Shpenzimet për sigurinë publike arritën në {N} milionë euro, pa një vlerësim të pavarur të efektivitetit të tyre.",
        "Spending on public security reached {N} million euros, with no independent assessment of its effectiveness.",
    ),
    (
        "Ligji për parandalimin e pastrimit të parave u harmonizua me direktivat e BE-së, por zbatimi mbetet i dobët.",
        "The law on the prevention of money laundering was aligned with EU directives, but enforcement remains weak.",
    ),
    (
        "Në këtë kontekst, roli i mediave të pavarura dhe i qendrave kërkimore bëhet edhe më i rëndësishëm.",
        "In this context, the role of independent media and research centres becomes even more important.",
    ),
    (
        "Përfaqësuesit e prokurorisë pranuan se mungesa e ekspertëve të kontabilitetit ngadalëson hetimet komplekse.",
        "Representatives of the prosecution admitted that the shortage of forensic accountants slows down complex investigations.",
    ),
    (
        "Bashkëpunimi me vendet fqinje është thelbësor, sepse grupet kriminale veprojnë pa marrë parasysh kufijtë.",
        "Cooperation with neighbouring countries is essential, because criminal groups operate regardless of borders.",
    ),
    (
        "Qytetarët e perceptojnë korrupsionin si problemin e dytë më të madh të vendit, pas papunësisë.",
        "Citizens see corruption as the country's second biggest problem, after unemployment.",
    ),
    (
        "Rekomandimet e mëparshme të platformës janë zbatuar vetëm pjesërisht, sidomos ato për transparencën.",
        "The platform's earlier recommendations have been implemented only partly, especially those on transparency.",
    ),
    (
        "Çështja e trafikimit të qenieve njerëzore kërkon vëmendje të veçantë ndaj viktimave dhe mbrojtjes së tyre.",
        "Human trafficking calls for particular attention to victims and their protection.",
    ),
    (
        "Vendimmarrja e centralizuar dhe emërimet politike dobësojnë pavarësinë e policisë së shtetit.",
        "Centralised decision-making and political appointments weaken the independence of the state police.",
    ),
];

/// Section headings (each used at most once per brief).
pub const HEADINGS: &[Pair] = &[
    ("Konteksti", "Context"),
    ("Korniza ligjore", "Legal framework"),
    ("Kapacitetet institucionale", "Institutional capacity"),
    ("Bashkëpunimi rajonal", "Regional cooperation"),
    ("Gjetjet kryesore", "Key findings"),
    ("Metodologjia", "Methodology"),
    ("Pastrimi i parave", "Money laundering"),
    ("Trafikimi i drogës", "Drug trafficking"),
    ("Roli i shoqërisë civile", "The role of civil society"),
    ("Procesi i anëtarësimit në BE", "The EU accession process"),
    ("Konfiskimi i pasurive", "Asset confiscation"),
    ("Korrupsioni i nivelit të lartë", "High-level corruption"),
    ("Sfidat e zbatimit", "Implementation challenges"),
    ("Të dhënat dhe transparenca", "Data and transparency"),
    ("Mbikëqyrja parlamentare", "Parliamentary oversight"),
    ("Krimi kibernetik", "Cybercrime"),
];

/// Sub-section headings.
pub const SUBHEADINGS: &[Pair] = &[
    ("Çfarë thonë të dhënat", "What the data say"),
    ("Përvoja e vendeve fqinje", "The experience of neighbouring countries"),
    ("Pikat e dobëta", "Weak points"),
    ("Një shembull nga praktika", "An example from practice"),
];

/// Topics (taxonomy terms) in both languages.
pub const TOPICS: &[Pair] = &[
    ("Krimi i organizuar", "Organised crime"),
    ("Kapitulli 24", "Chapter 24"),
    ("Procesi i Berlinit", "Berlin Process"),
    ("Shoqëria civile", "Civil society"),
    ("Korrupsioni", "Corruption"),
    ("Pastrimi i parave", "Money laundering"),
    ("Sundimi i ligjit", "Rule of law"),
    ("Integrimi evropian", "European integration"),
    ("Bashkëpunimi rajonal", "Regional cooperation"),
    ("Siguria kibernetike", "Cybersecurity"),
    ("Trafikimi i drogës", "Drug trafficking"),
    ("Trafikimi i qenieve njerëzore", "Human trafficking"),
    ("Reforma në drejtësi", "Justice reform"),
    ("Mbikëqyrja demokratike", "Democratic oversight"),
    ("Lufta kundër terrorizmit", "Counter-terrorism"),
    ("Kontrolli i armëve", "Arms control"),
    ("Menaxhimi i kufirit", "Border management"),
    ("Ndikimi i huaj", "Foreign influence"),
    ("Liria e medias", "Media freedom"),
    ("Çështje sigurie", "Security issues"),
];

/// Title patterns: `{T}` is a topic, the rest as in [`SENTENCES`].
pub const TITLES: &[Pair] = &[
    ("{T} {CL}: çfarë ka ndryshuar që nga viti {Y}", "{T} {CL}: what has changed since {Y}"),
    ("{T} dhe reforma {CL}", "{T} and reform {CL}"),
    ("{T} {CL}: gjetjet e vitit {Y}", "{T} {CL}: findings for {Y}"),
    ("{T}: mësime nga {C}", "{T}: lessons from {C}"),
    ("{T} në Ballkanin Perëndimor, {Y}", "{T} in the Western Balkans, {Y}"),
];

/// Recommendations, for bulleted lists.
pub const RECOMMENDATIONS: &[Pair] = &[
    (
        "Të forcohet pavarësia financiare e prokurorisë së posaçme.",
        "Strengthen the financial independence of the special prosecution office.",
    ),
    (
        "Të publikohen çdo vit të dhëna të plota për pasuritë e sekuestruara dhe të konfiskuara.",
        "Publish complete data on seized and confiscated assets every year.",
    ),
    (
        "Të krijohet një regjistër i përbashkët rajonal i pronarëve përfitues.",
        "Create a shared regional register of beneficial owners.",
    ),
    (
        "Të përfshihet shoqëria civile në hartimin e strategjive kundër krimit të organizuar.",
        "Involve civil society in drafting strategies against organised crime.",
    ),
    (
        "Të rritet numri i hetuesve financiarë në policinë e shtetit.",
        "Increase the number of financial investigators in the state police.",
    ),
    (
        "Të mbrohen gazetarët nga paditë strategjike kundër pjesëmarrjes publike.",
        "Protect journalists from strategic lawsuits against public participation.",
    ),
    ("Të përshpejtohet shkëmbimi i informacionit me Europolin.", "Speed up the exchange of information with Europol."),
    (
        "Të vlerësohet në mënyrë të pavarur zbatimi i planeve të veprimit.",
        "Have the implementation of action plans assessed independently.",
    ),
];

/// Footnote texts.
pub const SOURCES: &[Pair] = &[
    ("Komisioni Evropian, *Raporti për {C}*, {Y}.", "European Commission, *{C} Report*, {Y}."),
    (
        "Europol, *Vlerësimi i kërcënimit nga krimi i rëndë dhe i organizuar*, {Y}.",
        "Europol, *Serious and Organised Crime Threat Assessment*, {Y}.",
    ),
    ("Intervistë me një zyrtar të prokurorisë, {Y}.", "Interview with a prosecution official, {Y}."),
    (
        "Të dhëna të Ministrisë së Brendshme, kërkesë për informim, {Y}.",
        "Ministry of the Interior data, freedom-of-information request, {Y}.",
    ),
    (
        "Platforma e Ballkanit për Siguri, *Radari i krimit të organizuar*, {Y}.",
        "Balkan Security Platform, *Organized Crime Radar*, {Y}.",
    ),
    (
        "Konferenca e Procesit të Berlinit, *Deklarata e kryesisë*, {Y}.",
        "Berlin Process Summit, *Chair's Conclusions*, {Y}.",
    ),
];

/// Authors (organisations of the platform).
pub const AUTHORS: &[Pair] = &[
    ("Instituti për Demokraci dhe Ndërmjetësim (IDM)", "Institute for Democracy and Mediation (IDM)"),
    ("Qendra për Studime të Sigurisë (CSS)", "Centre for Security Studies (CSS)"),
    ("Qendra Kosovare për Studime të Sigurisë (QKSS)", "Kosovar Centre for Security Studies (QKSS)"),
    ("Instituti Alternativa (IA)", "Institute Alternative (IA)"),
    ("Eurothink – Qendra për Strategjitë Evropiane", "Eurothink – Centre for European Strategies"),
    ("Qendra e Beogradit për Politika të Sigurisë (BCSP)", "Belgrade Centre for Security Policy (BCSP)"),
];

/// Lines introducing a link to another brief; `{L}` is the link destination.
pub const SEE_ALSO: &[Pair] = &[
    (
        "Shih edhe [analizën tonë të mëparshme]({L}) për këtë çështje.",
        "See also [our earlier analysis]({L}) of this question.",
    ),
    (
        "Këto gjetje përputhen me [vlerësimin e vitit të kaluar]({L}).",
        "These findings match [last year's assessment]({L}).",
    ),
    ("Për kontekstin rajonal, lexoni [këtë punim]({L}).", "For the regional context, read [this paper]({L})."),
];

/// Code listings for the one brief in ten that has one: language and code.
pub const CODE: &[(&str, &str)] = &[
    (
        "python",
        "import csv\n\ndef totals(path):\n    \"\"\"Sum cases per country.\"\"\"\n    out = {}\n    with open(path, encoding=\"utf-8\") as f:\n        for row in csv.DictReader(f):\n            out[row[\"country\"]] = out.get(row[\"country\"], 0) + int(row[\"cases\"])\n    return out\n\nprint(totals(\"cases.csv\"))\n",
    ),
    (
        "json",
        "{\n  \"country\": \"al\",\n  \"year\": 2023,\n  \"investigations\": 128,\n  \"convictions\": 17,\n  \"assets_eur\": 2.5e6\n}\n",
    ),
    (
        "sql",
        "SELECT country, year, COUNT(*) AS cases\nFROM prosecutions\nWHERE offence = 'money-laundering'\nGROUP BY country, year\nORDER BY country, year;\n",
    ),
    (
        "yaml",
        "country: mk\nyear: 2022\nindicators:\n  investigations: 64\n  convictions: 9\n  note: \"partial data\"\n",
    ),
];
