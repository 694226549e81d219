"""Danish vocabulary for synthetic business cases, kept as plain data.

Everything here is invented for the generator; nothing is copied from the real corpus except the fixed form words
(department names, section headings, table captions and field labels), which are the template every real document uses.
Placeholders in templates: {dept}, {short}, {process}, {tech}, {place}, {year}, {target}.
"""

from __future__ import annotations

from extract.patterns import DEPARTMENTS as _DEPARTMENTS

# ---------------------------------------------------------------------------------------------------------------------
# Form vocabulary (fixed by the municipal template)
# ---------------------------------------------------------------------------------------------------------------------

# the seven departments and their abbreviations: the one vocabulary the extractor reads them by
DEPARTMENTS: tuple[str, ...] = tuple(_DEPARTMENTS)
DEPARTMENT_SHORT: dict[str, str] = {name: abbreviations[0] for name, abbreviations in _DEPARTMENTS.items()}

KIND_HEADER: dict[str, str] = {
    "business_case": "BUSINESS CASE",
    "investeringsforslag": "INVESTERINGSFORSLAG",
    "innovationsforslag": "INNOVATIONSFORSLAG",
}

# Investment pools printed under the BUSINESS CASE header (not budget rounds).
POOL_LINES: tuple[str, ...] = (
    "Puljen til smarte investeringer i velfærden",
    "Investeringspulje for velfærdsteknologi",
    "Effektiviseringspuljen",
    "Pulje til digital omstilling",
)

INNOVATION_CODE_PREFIXES: tuple[str, ...] = ("TV", "SI/UD", "SI/BU", "SI/SU", "SI/TM", "SI/KF", "SI/BI", "SI/SO")

CAPTION_TABLE1: tuple[str, ...] = (
    "Forslagets samlede økonomiske konsekvenser",
    "Forslagets samlede økonomiske konsekvenser",
    "Forslagets samlede økonomi",
)
SECTION_TABLE1 = "Forslagets samlede økonomiske konsekvenser"

GROUP_VARIG = "Varige ændringer"
GROUP_IMPL = "Implementeringsomkostninger"
TOTAL_VARIG = "Samlet varig ændring"
TOTAL_IMPL = "Samlede implementeringsomkostninger"
TOTAL_ALL = "Samlet økonomisk påvirkning"

CAPTION_SERVICE = "Varige ændringer, service"
TOTAL_SERVICE = "Varige ændringer totalt, service"
CAPTION_INVEST_SERVICE = "Serviceinvesteringer i forslaget"
TOTAL_INVEST_SERVICE = "Investeringer totalt, service"
CAPTION_INVEST_ANLAEG = "Anlægsinvesteringer i forslaget"
TOTAL_INVEST_ANLAEG = "Investeringer totalt, anlæg"
CAPTION_ADMIN = "Varige ændringer, administration"
TOTAL_ADMIN = "Varige ændringer totalt, administration"
ADMIN_ROWS: tuple[str, str] = (
    "Nettoeffekt på administrative udgifter inden for den politisk fastsatte målsætning (skøn)",
    "Nettoeffekt på administrative udgifter uden for målsætningens afgrænsning (skøn)",
)

PAYBACK_SERVICE = "Tilbagebetalingstid baseret på serviceeffektivisering"
PAYBACK_TOTAL = "Tilbagebetalingstid baseret på totaløkonomi"

SECTIONS_OLD_BC: tuple[str, ...] = (
    SECTION_TABLE1,
    "Baggrund og formål",
    "Forslagets indhold",
    "Økonomi",
    "Implementering af forslaget",
    "Inddragelse af medarbejdere, virksomheder og borgere",
    "Forslagets effekt",
    "Opfølgning",
    "Risikovurdering",
)
SECTIONS_INVEST: tuple[str, ...] = (
    "Baggrund og formål",
    "Forslagets indhold",
    "Økonomi",
    "Effektivisering på administration",
    "Implementering af forslaget",
    "Inddragelse af samarbejdspartnere",
    "Forslagets effekt",
    "Opfølgning",
    "Risikovurdering",
    "Hvem er hørt?",
)
SECTIONS_INNOV: tuple[str, ...] = (
    "Baggrund og formål",
    "Forslagets indhold",
    "Økonomi",
    "Implementering af forslaget",
    "Inddragelse af samarbejdspartnere",
    "Effekt af innovationsforslaget",
    "Opfølgning",
    "Risikovurdering",
    "Hvem er hørt?",
)
# Sections that may be dropped from a document without breaking it.
OPTIONAL_SECTIONS: frozenset[str] = frozenset(
    {"Inddragelse af samarbejdspartnere", "Inddragelse af medarbejdere, virksomheder og borgere", "Hvem er hørt?"}
)

RISK_LEVELS: tuple[str, ...] = ("lav", "lav", "lav", "lav til middel", "middel", "middel", "middel til høj", "høj")

RISK_SENTENCES: tuple[str, ...] = (
    "Den samlede risiko vurderes at være {level}.",
    "Samlet vurderes risikoen ved forslaget at være {level}.",
    "Risikoen ved forslaget vurderes samlet som {level}.",
    "Projektet vurderes at have en {level} risiko.",
    "Samlet risikovurdering er {level}.",
    "Ud fra en samlet vurdering er risikoen {level}.",
)

STUB_LINES: tuple[str, ...] = (
    "[Forslaget er fortsat under udarbejdelse]",
    "[Forslaget færdiggøres til næste udvalgsmøde]",
)

OVERVIEW_TITLES: tuple[str, ...] = (
    "Oversigt over smarte investeringer, der er godkendt",
    "Oversigt over smarte investeringer, der indstilles til godkendelse",
    "Oversigt over godkendte investeringsforslag",
    "Oversigt over investeringsforslag i forvaltningens budgetbidrag",
)
OVERVIEW_BLOCKS: tuple[str, ...] = (
    "Ældreområdet",
    "Dagtilbud og skoler",
    "Voksne med funktionsnedsættelse",
    "Socialpsykiatri og udsatte",
    "Jobcentre og ydelser",
    "Byens drift og vedligehold",
    "Kultur- og fritidstilbud",
    "Administration og IT",
    "Tværgående forslag – berører flere enheder i forvaltningen",
)
OVERVIEW_ROW_PREFIXES: tuple[str, ...] = ("Smart investeringsforslag: ", "Investeringsforslag: ")
OVERVIEW_LABEL_HEADERS: tuple[str, ...] = ("Omprioriteringsforslag", "Forslag")
OVERVIEW_NET = "Nettoeffektivisering"
OVERVIEW_INVEST = "Investeringsbehov"
OVERVIEW_FOOTNOTES: tuple[str, ...] = (
    "*Beløbene i oversigten er afrundet til nærmeste 0,1 mio. kr.",
    "*Der kan forekomme afrundingsforskelle i oversigten",
)

PAGE_HEADERS: tuple[str, ...] = (
    "Københavns Kommune",
    "Bilag til udvalgets budgetbehandling",
    "Københavns Kommune – {short}",
)

# ---------------------------------------------------------------------------------------------------------------------
# Invented subject vocabulary
# ---------------------------------------------------------------------------------------------------------------------

# Processes (object phrases for titles and body text), per presenting department.
PROCESSES: dict[str, tuple[str, ...]] = {
    "Økonomiforvaltningen": (
        "fakturabehandlingen",
        "lønindberetninger fra forvaltningerne",
        "onboarding af nye medarbejdere",
        "afregning af tjenesterejser",
        "kontering af udgiftsbilag",
        "håndtering af henvendelser i servicedesken",
        "oprettelse af brugere i kommunens it-systemer",
        "opfølgning på ubetalte regninger",
    ),
    "Socialforvaltningen": (
        "visitation til botilbud",
        "bostøtte til borgere med psykisk sårbarhed",
        "sagsbehandlingen på børne- og familieområdet",
        "dokumentation på døgninstitutioner",
        "ansøgninger om enkeltydelser",
        "kontakten med pårørende",
        "medicinadministration på bostederne",
        "registrering af magtanvendelser",
    ),
    "Sundheds- og Omsorgsforvaltningen": (
        "ruteplanlægning i hjemmeplejen",
        "medicinhåndtering på plejehjem",
        "genoptræningsforløb efter udskrivning",
        "udlån af hjælpemidler",
        "forebyggende hjemmebesøg",
        "vagtplanlægning på plejecentrene",
        "natlige tilsyn hos ældre borgere",
        "visitation til madservice",
    ),
    "Børne- og Ungdomsforvaltningen": (
        "pladsanvisning i dagtilbud",
        "opkrævning af forældrebetaling",
        "indskrivning til skole og fritidshjem",
        "sprogvurderinger af småbørn",
        "vikardækning på skolerne",
        "registrering af elevfravær",
        "kørsel af elever til specialskoler",
        "forældrekommunikation i daginstitutioner",
    ),
    "Beskæftigelses- og Integrationsforvaltningen": (
        "jobsamtaler med ledige",
        "udbetaling af kontanthjælp",
        "danskuddannelse for nyankomne",
        "opfølgning på virksomhedspraktikker",
        "tilmelding til aktiveringstilbud",
        "dokumentation i jobcentrene",
        "behandling af ansøgninger om ledighedsydelse",
    ),
    "Kultur- og Fritidsforvaltningen": (
        "udlån af lokaler til foreninger",
        "bibliotekernes materialehåndtering",
        "billetsalg i svømmehallerne",
        "tilskud til lokale kulturprojekter",
        "booking af idrætsanlæg",
        "adgangskontrol i kulturhusene",
        "drift af byens medborgerhuse",
    ),
    "Teknik- og Miljøforvaltningen": (
        "vintertjenesten på cykelstierne",
        "tømning af affaldsbeholdere i byrummet",
        "behandling af byggeansøgninger",
        "parkeringskontrollen",
        "vedligehold af byens træer",
        "registrering af skader på vejnettet",
        "styring af gadebelysningen",
        "tilsyn med gravearbejder",
    ),
}

# Places (for "{tech} i {place}" titles), per presenting department.
PLACES: dict[str, tuple[str, ...]] = {
    "Økonomiforvaltningen": ("Koncernservice", "kommunens lønenhed", "Borgerservice", "de administrative fællesskaber"),
    "Socialforvaltningen": ("botilbud for voksne", "de sociale døgninstitutioner", "familieafdelingerne", "bostederne"),
    "Sundheds- og Omsorgsforvaltningen": (
        "hjemmeplejen", "plejecentrene", "sygeplejeklinikkerne", "hjælpemiddeldepotet",
    ),
    "Børne- og Ungdomsforvaltningen": ("dagtilbuddene", "folkeskolerne", "fritidscentrene", "skoletandplejen"),
    "Beskæftigelses- og Integrationsforvaltningen": ("jobcentrene", "ydelsescentret", "sprogcentrene"),
    "Kultur- og Fritidsforvaltningen": ("bibliotekerne", "svømmehallerne", "kulturhusene", "idrætsanlæggene"),
    "Teknik- og Miljøforvaltningen": ("byens parker", "vejdriften", "genbrugsstationerne", "byggesagsafdelingen"),
}

TECHS: tuple[str, ...] = (
    "sensorer",
    "softwarerobotter",
    "maskinlæring",
    "videokonsultationer",
    "digitale selvbetjeningsløsninger",
    "elektroniske tavler",
    "en chatbot",
    "mobile arbejdsredskaber",
    "elektroniske låse",
    "automatisk talegenkendelse",
    "digitale formularer",
    "GPS-baseret planlægning",
    "skærmbesøg",
    "en fælles datapakke",
)

TITLE_PATTERNS: dict[str, tuple[str, ...]] = {
    "business_case": (
        "{Tech} i {place}",
        "Digital understøttelse af {process}",
        "Nye arbejdsgange for {process}",
        "Velfærdsteknologi i {place}",
        "Samlet løsning til {process}",
    ),
    "investeringsforslag": (
        "Automatisering af {process}",
        "Ny løsning til {process}",
        "Digitalisering af {process}",
        "Forenkling af {process} med {tech}",
        "{Tech} til {process}",
        "Datadrevet styring af {process}",
        "Optimering af {process}",
    ),
    "innovationsforslag": (
        "Afprøvning af {tech} i {place}",
        "Udvikling af nye metoder til {process}",
        "Pilotforsøg med {tech} i {place}",
        "Nye digitale veje til {process}",
        "Afdækning af potentialer i {process}",
    ),
}
TITLE_DEPT_SUFFIX = " i {dept}"

SUMMARY_SENTENCES: tuple[str, ...] = (
    "Forslaget skal gøre {process} enklere og mere effektiv ved at tage {tech} i brug.",
    "I dag bruger medarbejderne i {place} meget tid på manuelle arbejdsgange i forbindelse med {process}.",
    "Med forslaget frigøres tid, som i stedet kan anvendes på kerneopgaverne over for borgerne.",
    "Erfaringer fra en mindre afprøvning viser, at {tech} kan nedbringe tidsforbruget mærkbart.",
    "Løsningen forventes at give en varig effektivisering fra {year} og frem.",
    "Samtidig styrkes kvaliteten, fordi de samme oplysninger ikke længere skal registreres flere gange.",
    "{Dept} ønsker at udbrede løsningen til alle enheder, når den er afprøvet.",
    "Forslaget bygger videre på de digitale løsninger, som allerede er i drift i {short}.",
    "Borgerne får en hurtigere og mere ensartet service, og sagsbehandlingstiden forkortes.",
    "Forslaget indebærer en engangsinvestering i udvikling, uddannelse og projektledelse.",
)

BODY_SENTENCES: dict[str, tuple[str, ...]] = {
    "Baggrund og formål": (
        "{Dept} har over de seneste år oplevet et stigende pres på {process}.",
        "Arbejdsgangene er i dag i høj grad manuelle og afhænger af enkelte medarbejderes viden.",
        "Det betyder, at opgaverne tager længere tid end nødvendigt, og at fejl først opdages sent i forløbet.",
        "Formålet med forslaget er at frigøre ressourcer og samtidig give borgerne en bedre oplevelse.",
        "Flere andre kommuner har gode erfaringer med {tech}, og markedet for løsninger er modnet.",
        "En kortlægning i {place} har vist, at en stor del af tiden går med dobbeltregistrering.",
        "Forslaget understøtter kommunens strategi for digital omstilling og en mere sammenhængende velfærd.",
        "Målgruppen er både medarbejdere og borgere, som i dag oplever lange svartider.",
    ),
    "Forslagets indhold": (
        "Forslaget består af tre spor: teknisk opsætning, tilpasning af arbejdsgange og uddannelse.",
        "I første fase afprøves {tech} i udvalgte enheder i {place}, hvorefter løsningen udbredes.",
        "Løsningen integreres med de eksisterende fagsystemer, så data kun skal indtastes én gang.",
        "Medarbejderne får adgang til et samlet overblik, der gør det lettere at prioritere opgaverne.",
        "Der etableres en fast supportfunktion, som kan hjælpe enhederne i overgangsperioden.",
        "Forslaget omfatter desuden en revision af de lokale retningslinjer for {process}.",
        "Borgerne vil opleve en mere enkel indgang og kortere ventetid på svar.",
    ),
    "Økonomi": (
        "Investeringen dækker udvikling, projektledelse og uddannelse af medarbejderne.",
        "Gevinsterne er beregnet ud fra tidsregistreringer og erfaringer fra en afprøvning i {place}.",
        "Der er regnet med en gennemsnitlig årsværkspris inklusive overhead.",
        "Effektiviseringen indfases gradvist i takt med, at løsningen tages i brug i enhederne.",
        "De løbende driftsudgifter omfatter licenser, support og vedligehold af løsningen.",
        "Beregningerne er kvalitetssikret i samarbejde med forvaltningens økonomifunktion.",
        "Alle besparelser er angivet med negativt fortegn, og udgifter med positivt fortegn.",
    ),
    "Effektivisering på administration": (
        "Effektiviseringen vedrører i al væsentlighed administrative opgaver i {short}.",
        "Gevinsten indgår i opgørelsen af kommunens målsætning om reducerede administrative udgifter.",
        "Der er ikke administrative effekter uden for målsætningens afgrænsning.",
    ),
    "Implementering af forslaget": (
        "Projektet forventes at løbe fra første kvartal {year} og frem til udgangen af det følgende år.",
        "Implementeringen sker trinvist, så erfaringerne fra de første enheder kan indgå i udbredelsen.",
        "{Dept} har ansvaret for projektet og nedsætter en styregruppe med deltagelse af ledere fra driften.",
        "Der udarbejdes en plan for gevinstrealisering, som følges tæt af forvaltningens ledelse.",
        "Uddannelsen af medarbejderne tilrettelægges i samarbejde med de lokale ledere.",
    ),
    "Inddragelse af samarbejdspartnere": (
        "Koncern IT inddrages i valg af teknologi og i den tekniske opsætning.",
        "Medarbejderne deltager i udviklingen gennem workshops og brugertest.",
        "Der indgås samarbejde med en ekstern leverandør efter gældende udbudsregler.",
        "Relevante interesseorganisationer orienteres undervejs i projektet.",
    ),
    "Inddragelse af medarbejdere, virksomheder og borgere": (
        "Medarbejderne i {place} har været med til at beskrive de nuværende arbejdsgange.",
        "Borgere inviteres til at teste løsningen, inden den tages i brug i større skala.",
        "Virksomheder på området inddrages gennem en åben markedsdialog.",
    ),
    "Forslagets effekt": (
        "Forslaget forventes at reducere sagsbehandlingstiden og antallet af fejl.",
        "Medarbejderne får mere tid til de borgerrettede opgaver.",
        "Borgerne oplever en mere ensartet og forudsigelig service.",
        "Løsningen giver bedre data til ledelsesinformation og styring af {process}.",
    ),
    "Effekt af innovationsforslaget": (
        "Forslaget skal afklare, om {tech} kan skabe varige gevinster i {place}.",
        "Resultaterne skal danne grundlag for et egentligt investeringsforslag.",
        "Erfaringerne deles med de øvrige forvaltninger.",
    ),
    "Opfølgning": ("Der følges op på forslagets mål som beskrevet i tabellen nedenfor.",),
    "Risikovurdering": (
        "Den største risiko knytter sig til integrationen med de eksisterende fagsystemer.",
        "Der er en risiko for, at gevinsterne indfases langsommere end forudsat.",
        "Risikoen imødegås ved en trinvis implementering og tæt opfølgning.",
        "Teknologien er velafprøvet, og leverandørmarkedet er modent.",
        "Forslaget forudsætter, at medarbejderne tager de nye arbejdsgange til sig.",
    ),
    "Hvem er hørt?": (
        "Medarbejderne høres via MED-systemet, og forvaltningens råd har mulighed for at afgive høringssvar.",
        "Forslaget har været drøftet i forvaltningens ledelse.",
    ),
    SECTION_TABLE1: ("Tabellen viser forslagets samlede økonomi i hele perioden.",),
}

BULLET_SENTENCES: tuple[str, ...] = (
    "færre manuelle registreringer",
    "bedre overblik for medarbejderne",
    "kortere ventetid for borgerne",
    "mere ensartet sagsbehandling",
    "færre fejl og tilbageløb",
    "bedre data til styring og opfølgning",
)

FOLLOW_UP_HEADER: tuple[str, ...] = (
    "Opfølgningsmål",
    "Hvordan måles opfølgningsmålet?",
    "Hvem er ansvarlig for opfølgning?",
    "Hvornår gennemføres opfølgningen?",
)
FOLLOW_UP_GOALS: tuple[str, ...] = (
    "Realiseret effektivisering",
    "Tilfredshed blandt brugerne",
    "Kortere sagsbehandlingstid",
    "Løsningen er i drift i alle enheder",
)
FOLLOW_UP_MEASURES: tuple[str, ...] = (
    "Opgørelse af tidsforbrug før og efter",
    "Spørgeskema til medarbejdere og borgere",
    "Udtræk fra fagsystemet",
    "Status fra projektets styregruppe",
)
FOLLOW_UP_OWNERS: tuple[str, ...] = (
    "Projektlederen", "Forvaltningens økonomienhed", "Den lokale leder", "Styregruppen",
)
FOLLOW_UP_WHEN: tuple[str, ...] = ("Ultimo {year}", "Halvårligt", "Efter endt implementering", "Primo {year}")

HEARD_ROWS: tuple[str, ...] = (
    "Center for Økonomi, Økonomiforvaltningen",
    "Ejendomsfaglig vurdering",
    "IT-kredsen",
    "Koncern IT",
    "HR-kredsen",
    "Velfærdsanalytisk vurdering",
)
HEARD_ANSWERS: tuple[str, ...] = ("Ja", "Nej", "Ikke relevant")

NO_PAYBACK_FOOTNOTES: tuple[str, ...] = (
    "*Der søges alene om midler til afprøvning, og der er derfor ikke beregnet en tilbagebetalingstid.",
    "*Forslaget finansieres af innovationspuljen, og tilbagebetalingstid er derfor ikke angivet.",
)
SIGN_NOTES: tuple[str, ...] = (
    "Note til alle tabeller: Besparelser er angivet med negativt (-) fortegn.",
    "Note: Reducerede udgifter angives med negativt fortegn og øgede udgifter med positivt fortegn.",
)

# Table row labels. None of them ends with a Styringsområde word (Service, Anlæg, Drift), and none holds a digit,
# so that label, area and amounts stay separable in a flattened row.
VARIG_GAIN_LABELS: tuple[str, ...] = (
    "Effektiviseringsgevinst",
    "Reduceret tidsforbrug i sagsbehandlingen",
    "Færre manuelle registreringer",
    "Sparede udgifter til papir og porto",
    "Reduceret kørselstid for medarbejderne",
    "Lavere udgifter til vikarer",
    "Bortfald af eksisterende licensaftale",
    "Reducerede lønudgifter",
    "Frigjort tid i den borgerrettede indsats",
)
VARIG_COST_LABELS: tuple[str, ...] = (
    "Driftsomkostninger",
    "Licens og support",
    "Løbende vedligehold af løsningen",
    "Hosting hos leverandøren",
    "Nye lønudgifter til support og superbrugere",
    "Udskiftning af udstyr",
)
IMPL_LABELS: tuple[str, ...] = (
    "Projektledelse",
    "Systemudvikling og integration til fagsystemer",
    "Indkøb af hardware",
    "Uddannelse af medarbejdere",
    "Ekstern konsulentbistand",
    "Test og pilotafprøvning",
    "Dobbeltomkostninger i overgangsperioden",
    "Design og brugertest",
    "Frikøb af fagpersoner til udviklingsarbejdet",
    "Evaluering og gevinstopfølgning",
    "Midlertidige implementeringsomkostninger",
    "Opsætning af teknisk infrastruktur",
    "Tilpasning af arbejdsgange og vejledninger",
)
BUDGET_TABLE_HEADER = "Udgiftspost"

# Words that must never be produced as the second half of an artificial hyphenation.
NO_SPLIT_REMAINDERS: frozenset[str] = frozenset({"og", "eller", "til", "med", "for", "som", "der", "det"})
