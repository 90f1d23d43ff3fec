"""The texts and facts of the IWT Conference demo, as plain data for `load_demo_data`.

Everything here is fictional except these public facts: the conference itself (11 and 12
October at Evolution, Battersea Park, London), IFAW and its research on online adverts, the
UK ivory surrender and Tania McCrea-Steele's role at IFAW. Keep new prose in that spirit:
write it yourself, attribute nothing to a real person or organisation beyond those facts.

References between objects use keys that the command resolves:
- a link value's "page" names a page of the edition ("agenda", "speakers", "about", ...);
- a figure's "image" names a generated image ("venue");
- a navigation link may name a "track" by slug instead of a page.
"""

# The conference runs on 11 and 12 October; the demo uses the next such dates still ahead.
EDITION_MONTH = 10
EDITION_FIRST_DAY = 11
EDITION_LAST_DAY = 12
TIME_ZONE = "Europe/London"

EDITION_SLUG = "iwt-conference-{year}"
EDITION_SLUG_PATTERN = r"^iwt-conference-[0-9]{4}$"

EDITION = {
    "title": "IWT Conference {year}",
    "strapline": (
        "Two days in London bringing governments, enforcement, NGOs, researchers and tech "
        "platforms together against the illegal wildlife trade, online and off."
    ),
    "search_description": (
        "The Illegal Wildlife Trade Conference, 11 and 12 October {year} at Evolution, "
        "Battersea Park, London: agenda, speakers and the wildlife cybercrime track."
    ),
}

# The edition page's body, after its children exist (see the module docstring for "page").
EDITION_BODY = [
    (
        "rich_text",
        "<h2>Welcome</h2>"
        "<p>The illegal wildlife trade no longer needs a market stall. Ivory carvings, rhino horn "
        "and even live animals change hands through online adverts and private messages, and the "
        "people who can stop it sit in very different organisations: ministries and police "
        "forces, customs posts, charities, universities, and the companies that run marketplaces, "
        "social networks and payment services.</p>"
        "<p>For two days in Battersea Park we put them in the same rooms. Come for the keynotes, "
        "stay for the workshops, and leave with the contacts you need for the year ahead.</p>",
    ),
    (
        "quote",
        {
            "text": (
                "Every partnership that has worked against wildlife trafficking started with two "
                "people who had never met realising they were chasing the same adverts."
            ),
            "attribution": "Amara Okonkwo, conference chair",
        },
    ),
    (
        "call_to_action",
        {
            "heading": "Registration is open",
            "text": "Places are limited and confirmed in the order requests arrive.",
            "link": {"label": "How to register", "page": "registration", "url": ""},
        },
    ),
]

HOME = {
    "title": "IWT Conference",
    "intro": (
        "<p>The <b>Illegal Wildlife Trade Conference</b> is where the public and private "
        "sectors meet to take on wildlife trafficking: governments, law enforcement, NGOs, "
        "researchers, online marketplaces, social media and payment companies, working as one "
        "network.</p>"
    ),
}

COLLECTION_NAME = "IWT Conference demo"

HERO_IMAGE = {
    "title": "IWT Conference hero artwork",
    "description": (
        "Abstract artwork: a network of linked circles over a band of deep green fading to "
        "river blue"
    ),
    "filename": "iwt-hero.png",
}

VENUE_IMAGE = {
    "title": "Evolution, Battersea Park (illustration)",
    "description": (
        "Illustration of the venue: a long, low white pavilion with a lit glass front and an "
        "IWT Conference banner over the entrance, among the trees of a park, with delegates "
        "walking up the path to the door"
    ),
    "filename": "iwt-venue-illustration.webp",
}

# Speakers' portraits are drawn (demo/drawings.py): an illustration of each fictional speaker,
# and for a real person (REAL_SPEAKERS) a monogram of their initials rather than an invented
# likeness.
PORTRAIT = {
    "title": "Speaker portrait: {name}",
    "description": "Illustrated portrait of {name}",
    "filename": "speaker-{slug}.webp",
}
MONOGRAM = {
    "title": "Speaker portrait: {name}",
    "description": "Illustration: the initials of {name} in a blue roundel",
    "filename": "speaker-{slug}.webp",
}
REAL_SPEAKERS = {"tania-mccrea-steele"}

# Partners' logos, drawn as wordmarks: each fictional organisation's name in a style of our
# own beside a simple mark. A real organisation (IFAW) gets its name in plain text only, never
# its actual logo. The alt text is the organisation's name.
PARTNER_LOGO = {
    "title": "Partner wordmark: {name}",
    "description": "{name}",
    "filename": "partner-{slug}.png",
}
WORDMARKS = {
    "Department for Nature and Wildlife Protection": {
        "lines": ["Department for Nature", "and Wildlife Protection"],
        "family": "serif",
        "weights": ["bold", "regular"],
        "sizes": [0.15, 0.13],
        "colour": "#1d5232",
        "mark": "crest",
    },
    "Bazaaro": {"lines": ["bazaaro"], "sizes": [0.3], "colour": "#c2410c", "mark": "tag"},
    "Intergovernmental Wildlife Enforcement Network": {
        "lines": ["IWEN", "Intergovernmental Wildlife", "Enforcement Network"],
        "weights": ["bold", "regular", "regular"],
        "sizes": [0.26, 0.085, 0.085],
        "colour": "#1e3a8a",
        "mark": "globe",
    },
    "Paylark": {"lines": ["paylark"], "sizes": [0.3], "colour": "#5b21b6", "mark": "wing"},
    "University of Southbridge": {
        "lines": ["UNIVERSITY OF", "SOUTHBRIDGE"],
        "family": "serif",
        "weights": ["regular", "bold"],
        "sizes": [0.1, 0.19],
        "colour": "#7a1f2b",
        "mark": "book",
    },
    "Savanna Community Conservancies Trust": {
        "lines": ["Savanna", "Community Conservancies Trust"],
        "weights": ["bold", "regular"],
        "sizes": [0.22, 0.085],
        "colour": "#8a4b14",
        "mark": "acacia",
    },
    "Sentinel Analytics": {
        "lines": ["SENTINEL", "analytics"],
        "family": "condensed",
        "weights": ["bold", "bold"],
        "sizes": [0.22, 0.12],
        "colour": "#0f4c5c",
        "mark": "hexagon",
    },
    "The Wild Record": {
        "lines": ["The Wild Record"],
        "family": "serif",
        "weights": ["bolditalic"],
        "sizes": [0.19],
        "colour": "#111111",
        "mark": "square",
        "mark_colour": "#b91c1c",
    },
}

VENUE = {
    "name": "Evolution",
    "address": "Battersea Park\nLondon SW11 4NJ\nUnited Kingdom",
    "latitude": "51.479100",
    "longitude": "-0.156600",
    "travel_notes": (
        "<p>Evolution stands inside <b>Battersea Park</b>, on the south bank of the Thames "
        "between Chelsea Bridge and Albert Bridge.</p>"
        "<ul>"
        "<li><b>Rail:</b> Battersea Park and Queenstown Road stations are a short walk from the "
        "park's south-east gates.</li>"
        "<li><b>Underground:</b> Battersea Power Station (Northern line) is about fifteen "
        "minutes on foot; Sloane Square (District and Circle lines) is a walk across Chelsea "
        "Bridge.</li>"
        "<li><b>Bus:</b> several routes stop on Queenstown Road and around the park; check a "
        "journey planner on the day.</li>"
        "<li><b>Bicycle:</b> cycle hire docks sit at the park gates and there are racks beside "
        "the venue.</li>"
        "<li><b>Car:</b> parking in the park is limited and charged; please use public transport "
        "if you can. Blue Badge spaces next to the venue can be booked in advance.</li>"
        "</ul>"
        "<p>The venue is on one level with step-free entrances. Tell us about any access needs "
        "when you register.</p>"
    ),
}

ROOMS = [
    {
        "name": "Main Hall",
        "capacity": 650,
        "sort_order": 1,
        "accessibility_notes": (
            "Step-free from the main entrance; hearing loop; wheelchair spaces in every row; "
            "live captions on the screens."
        ),
    },
    {
        "name": "Riverside Room",
        "capacity": 220,
        "sort_order": 2,
        "accessibility_notes": "Step-free; hearing loop; reserved seats near the front.",
    },
    {
        "name": "Park Suite",
        "capacity": 140,
        "sort_order": 3,
        "accessibility_notes": "Step-free; portable hearing loop on request; natural light.",
    },
    {
        "name": "Studio",
        "capacity": 60,
        "sort_order": 4,
        "accessibility_notes": (
            "Step-free; workshop tables at adjustable heights; a quiet room is next door."
        ),
    },
    {
        "name": "Foyer",
        "capacity": 400,
        "sort_order": 5,
        "accessibility_notes": (
            "Step-free; seating throughout; accessible toilets and a changing place nearby."
        ),
    },
]

# Sector values are conference.models.Sector; country codes are ISO 3166-1 alpha-2.
ORGANISATIONS = [
    {
        "name": "IFAW",
        "sector": "ngo",
        "country": "",
        "website": "https://www.ifaw.org/",
    },
    {
        "name": "Department for Nature and Wildlife Protection",
        "sector": "government",
        "country": "GB",
        "website": "",
    },
    {
        "name": "Northshire Police Wildlife Crime Unit",
        "sector": "law_enforcement",
        "country": "GB",
        "website": "",
    },
    {
        "name": "Border Protection and Customs Agency",
        "sector": "law_enforcement",
        "country": "GB",
        "website": "",
    },
    {
        "name": "Intergovernmental Wildlife Enforcement Network",
        "sector": "intergovernmental",
        "country": "",
        "website": "",
    },
    {
        "name": "European Wildlife Trade Observatory",
        "sector": "intergovernmental",
        "country": "BE",
        "website": "",
    },
    {"name": "Bazaaro", "sector": "online_platform", "country": "IE", "website": ""},
    {"name": "Chatterly", "sector": "online_platform", "country": "US", "website": ""},
    {"name": "Sentinel Analytics", "sector": "online_platform", "country": "GB", "website": ""},
    {"name": "Paylark", "sector": "financial", "country": "NL", "website": ""},
    {"name": "Meridian Bank", "sector": "financial", "country": "GB", "website": ""},
    {"name": "University of Southbridge", "sector": "academia", "country": "GB", "website": ""},
    {"name": "The Wild Record", "sector": "media", "country": "GB", "website": ""},
    {"name": "Elephant Futures Japan", "sector": "ngo", "country": "JP", "website": ""},
    {
        "name": "Savanna Community Conservancies Trust",
        "sector": "ngo",
        "country": "KE",
        "website": "",
    },
    {"name": "Frontline Ranger Alliance", "sector": "ngo", "country": "ZA", "website": ""},
]

IFAW = ORGANISATIONS[0]["name"]

# (organisation, tier) in display order; tiers are conference.models.PartnerTier values.
PARTNERS = [
    (IFAW, "headline"),
    ("Department for Nature and Wildlife Protection", "headline"),
    ("Bazaaro", "partner"),
    ("Intergovernmental Wildlife Enforcement Network", "partner"),
    ("Paylark", "partner"),
    ("University of Southbridge", "supporter"),
    ("Savanna Community Conservancies Trust", "supporter"),
    ("Sentinel Analytics", "supporter"),
    ("The Wild Record", "media"),
]

# Colours pass 4.5:1 against the light page background and 3:1 against the dark one.
TRACKS = [
    {
        "slug": "wildlife-cybercrime",
        "name": "Wildlife cybercrime",
        "colour": "#2563eb",
        "is_featured": True,
        "sort_order": 1,
        "strapline": (
            "Traffickers have followed their customers online. This track follows the traffickers."
        ),
        "description": (
            "<p>The trade in endangered wildlife is moving from physical markets to online "
            "marketplaces and social media. An advert can be posted in seconds, reach buyers in "
            "several countries at once and vanish before anyone reports it, while payment and "
            "delivery are arranged in private messages.</p>"
            "<p>Research by IFAW shows the scale: in just six weeks, across four countries, its "
            "investigators found adverts for <b>11,772 endangered and threatened specimens</b>, "
            "worth <b>more than GBP 3 million</b>. What was on offer ranged from ivory and rhino "
            "horn products to live big cats, orangutans and gorillas.</p>"
            "<h2>What this track covers</h2>"
            "<ul>"
            "<li>How platforms find and remove wildlife adverts, and what traffickers do "
            "next</li>"
            "<li>Following the money through payment services and banks</li>"
            "<li>Turning online evidence into investigations and convictions</li>"
            "<li>Data, machine learning and open-source intelligence for analysts</li>"
            "<li>Hands-on workshops for moderators, policy teams and investigators</li>"
            "</ul>"
            "<p>Sessions are open to every delegate; the workshops have limited places and are "
            "allocated at the door.</p>"
        ),
        "key_facts": {
            "heading": "Wildlife for sale online",
            "facts": [
                {
                    "figure": "11,772",
                    "label": "endangered and threatened specimens advertised for sale online",
                    "source": "IFAW research",
                },
                {
                    "figure": "GBP 3 million+",
                    "label": "combined value of the adverts found",
                    "source": "IFAW research",
                },
                {
                    "figure": "6 weeks, 4 countries",
                    "label": "the span of the research, from ivory to live big cats and apes",
                    "source": "IFAW research",
                },
            ],
        },
    },
    {
        "slug": "closing-ivory-markets",
        "name": "Closing ivory markets",
        "colour": "#b45309",
        "is_featured": False,
        "sort_order": 2,
        "strapline": "Legal domestic markets give cover to illegal ivory. How do we close them?",
        "description": (
            "<p>Wherever a legal domestic trade in ivory survives, illegal ivory can be passed "
            "off as old stock. This track looks at the markets that matter most to the debate "
            "in this room: the <b>United Kingdom</b>, the <b>European Union</b> and "
            "<b>Japan</b>.</p>"
            "<p>The UK's ivory surrender offers a glimpse of how much ivory sits in homes: "
            "members of the public handed in more than 500 items. Speakers compare bans, "
            "exemptions for antiques, testing at the border and what happens to the ivory that "
            "is given up.</p>"
        ),
        "key_facts": {
            "heading": "Ivory in numbers",
            "facts": [
                {
                    "figure": "500+",
                    "label": "ivory items handed in by the public in a UK ivory surrender",
                    "source": "",
                },
                {
                    "figure": "3",
                    "label": "domestic markets in focus: the UK, the EU and Japan",
                    "source": "",
                },
            ],
        },
    },
    {
        "slug": "communities-and-technology",
        "name": "Communities and technology",
        "colour": "#2a7f62",
        "is_featured": False,
        "sort_order": 3,
        "strapline": (
            "People who live alongside wildlife, and the tools that help them protect it."
        ),
        "description": (
            "<p>Poaching is stopped first where it starts. This track brings together "
            "community conservancies, rangers and the engineers building drones, sensors and "
            "data systems for them, and asks what makes protection work for the people who "
            "carry it out.</p>"
            "<ul>"
            "<li>Community involvement, benefit sharing and local reporting networks</li>"
            "<li>Hi-tech innovation against poaching, and its limits</li>"
            "</ul>"
        ),
        "key_facts": None,
    },
    {
        "slug": "partnerships",
        "name": "Partnerships",
        "colour": "#9333ea",
        "is_featured": False,
        "sort_order": 4,
        "strapline": "Public and private, national and international: working as one network.",
        "description": (
            "<p>No single organisation can stop the illegal wildlife trade. Governments, "
            "enforcement agencies, NGOs, companies and the media each hold part of the picture. "
            "This track is about the partnerships that join those parts up, from shared data "
            "to joint commitments.</p>"
        ),
        "key_facts": None,
    },
]

# Speakers: fictional except Tania McCrea-Steele, International Project Manager, Wildlife
# Crime, IFAW.
# "colour" is the background of the generated portrait.
SPEAKERS = [
    {
        "slug": "tania-mccrea-steele",
        "name": "Tania McCrea-Steele",
        "job_title": "International Project Manager, Wildlife Crime",
        "organisation": IFAW,
        "colour": "#1f4e79",
        "short_bio": (
            "International Project Manager for wildlife crime at IFAW, working on the trade in "
            "endangered wildlife that has moved online."
        ),
        "bio": (
            "<p>Tania McCrea-Steele is International Project Manager, Wildlife Crime, at IFAW, "
            "the International Fund for Animal Welfare.</p>"
            "<p>Her work covers wildlife cybercrime: the move of trafficking from physical "
            "markets to online marketplaces and social media, and the cooperation between "
            "platforms, governments and enforcement agencies needed to stop it.</p>"
            "<p>She opens this year's wildlife cybercrime track with a keynote drawing on IFAW's "
            "research into wildlife adverts online.</p>"
        ),
        "links": [{"label": "IFAW", "url": "https://www.ifaw.org/"}],
    },
    {
        "slug": "amara-okonkwo",
        "name": "Amara Okonkwo",
        "job_title": "Executive Director",
        "organisation": "Intergovernmental Wildlife Enforcement Network",
        "colour": "#6b2d5c",
        "short_bio": (
            "Leads a network of enforcement agencies from forty countries and chairs this "
            "year's conference."
        ),
        "bio": (
            "<p>Amara Okonkwo is Executive Director of the Intergovernmental Wildlife "
            "Enforcement Network, which links customs, police and wildlife authorities in "
            "forty countries.</p>"
            "<p>She began her career as a customs officer at a West African port and later led "
            "regional investigations into ivory and pangolin scale shipments. She chairs the "
            "conference this year.</p>"
        ),
        "links": [],
    },
    {
        "slug": "helen-marsh",
        "name": "Helen Marsh",
        "job_title": "Director, International Wildlife Policy",
        "organisation": "Department for Nature and Wildlife Protection",
        "colour": "#2f4858",
        "short_bio": (
            "Directs the department's international wildlife policy, from trade rules to "
            "support for enforcement abroad."
        ),
        "bio": (
            "<p>Helen Marsh directs international wildlife policy at the Department for "
            "Nature and Wildlife Protection. Her team negotiates trade rules, funds "
            "enforcement partnerships abroad and works with online companies on voluntary "
            "commitments.</p>"
            "<p>Before joining the department she spent ten years in development finance.</p>"
        ),
        "links": [],
    },
    {
        "slug": "eleanor-price",
        "name": "Eleanor Price",
        "job_title": "Ivory Policy Lead",
        "organisation": "Department for Nature and Wildlife Protection",
        "colour": "#7a4419",
        "short_bio": (
            "Runs the department's work on the domestic ivory ban, including the public ivory "
            "surrender."
        ),
        "bio": (
            "<p>Eleanor Price leads the department's ivory policy team, which looks after the "
            "domestic ban, its exemptions for antiques and the public ivory surrender.</p>"
            "<p>She previously worked on timber trade regulation.</p>"
        ),
        "links": [],
    },
    {
        "slug": "daniel-osei",
        "name": "Daniel Osei",
        "job_title": "Detective Inspector",
        "organisation": "Northshire Police Wildlife Crime Unit",
        "colour": "#1d3557",
        "short_bio": (
            "Detective inspector who has led investigations into reptile, raptor and ivory "
            "sales advertised online."
        ),
        "bio": (
            "<p>Daniel Osei is a detective inspector in the Northshire Police Wildlife Crime "
            "Unit. His team investigates wildlife offences that begin online, from protected "
            "reptiles sold through classified adverts to ivory traded in private groups.</p>"
            "<p>He trains officers across the country in handling digital evidence from "
            "wildlife cases.</p>"
        ),
        "links": [],
    },
    {
        "slug": "ahmed-khalil",
        "name": "Ahmed Khalil",
        "job_title": "Financial Investigator",
        "organisation": "Northshire Police Wildlife Crime Unit",
        "colour": "#264653",
        "short_bio": (
            "Financial investigator tracing the payments behind wildlife sales and recovering "
            "criminal proceeds."
        ),
        "bio": (
            "<p>Ahmed Khalil is a financial investigator with the Northshire Police Wildlife "
            "Crime Unit. He follows the money in wildlife cases and uses asset recovery powers "
            "to take the profit out of trafficking.</p>"
        ),
        "links": [],
    },
    {
        "slug": "michael-grant",
        "name": "Michael Grant",
        "job_title": "Head of Endangered Species Enforcement",
        "organisation": "Border Protection and Customs Agency",
        "colour": "#3d405b",
        "short_bio": (
            "Heads the customs team that checks parcels and freight for protected species and "
            "their parts."
        ),
        "bio": (
            "<p>Michael Grant heads endangered species enforcement at the Border Protection and "
            "Customs Agency. His officers screen post, parcels and freight, and increasingly "
            "work from intelligence shared by online platforms.</p>"
        ),
        "links": [],
    },
    {
        "slug": "priya-raman",
        "name": "Priya Raman",
        "job_title": "Head of Trust and Safety",
        "organisation": "Bazaaro",
        "colour": "#8d3b72",
        "short_bio": (
            "Leads trust and safety at an online marketplace with millions of listings a day, "
            "including its wildlife policy."
        ),
        "bio": (
            "<p>Priya Raman leads trust and safety at Bazaaro, an online marketplace with "
            "millions of new listings every day. Her teams write the rules on prohibited items, "
            "build the systems that enforce them and respond to requests from law "
            "enforcement.</p>"
            "<p>She has championed cross-industry work on wildlife listings.</p>"
        ),
        "links": [],
    },
    {
        "slug": "lukas-becker",
        "name": "Lukas Becker",
        "job_title": "Public Policy Manager, Environment",
        "organisation": "Chatterly",
        "colour": "#005f73",
        "short_bio": (
            "Public policy manager at a social media platform, responsible for its approach to "
            "wildlife trade and animal welfare."
        ),
        "bio": (
            "<p>Lukas Becker manages environmental public policy at Chatterly, a social media "
            "platform. He works on the company's rules against wildlife trafficking and animal "
            "cruelty content, and on its partnerships with conservation groups.</p>"
        ),
        "links": [],
    },
    {
        "slug": "hannah-lee",
        "name": "Hannah Lee",
        "job_title": "Content Moderation Training Lead",
        "organisation": "Chatterly",
        "colour": "#9b2226",
        "short_bio": (
            "Trains content moderators to recognise wildlife trafficking, coded language included."
        ),
        "bio": (
            "<p>Hannah Lee designs the training that Chatterly's content moderators receive, "
            "including a course on recognising wildlife products and the coded words sellers "
            "use to describe them.</p>"
        ),
        "links": [],
    },
    {
        "slug": "sofia-alvarez",
        "name": "Sofia Alvarez",
        "job_title": "Financial Crime Investigations Lead",
        "organisation": "Paylark",
        "colour": "#0b525b",
        "short_bio": (
            "Leads financial crime investigations at a European payment company and its work "
            "on wildlife trafficking signals."
        ),
        "bio": (
            "<p>Sofia Alvarez leads financial crime investigations at Paylark, a payment "
            "company serving online sellers across Europe. She built the company's first "
            "typology of payments linked to wildlife trafficking.</p>"
        ),
        "links": [],
    },
    {
        "slug": "james-whitfield",
        "name": "James Whitfield",
        "job_title": "Head of Financial Intelligence",
        "organisation": "Meridian Bank",
        "colour": "#283618",
        "short_bio": (
            "Heads a bank's financial intelligence unit and a public-private working group on "
            "illegal wildlife trade finance."
        ),
        "bio": (
            "<p>James Whitfield heads financial intelligence at Meridian Bank and co-chairs a "
            "public-private working group on the finances of the illegal wildlife trade.</p>"
        ),
        "links": [],
    },
    {
        "slug": "naomi-fischer",
        "name": "Naomi Fischer",
        "job_title": "Senior Lecturer in Conservation Criminology",
        "organisation": "University of Southbridge",
        "colour": "#5f0f40",
        "short_bio": (
            "Criminologist studying how wildlife markets adapt when they move online and how "
            "to measure them."
        ),
        "bio": (
            "<p>Dr Naomi Fischer is Senior Lecturer in Conservation Criminology at the "
            "University of Southbridge. Her research looks at how wildlife markets change when "
            "they move online and at sound methods for measuring them.</p>"
        ),
        "links": [],
    },
    {
        "slug": "arjun-mehta",
        "name": "Arjun Mehta",
        "job_title": "Research Fellow in Data Science",
        "organisation": "University of Southbridge",
        "colour": "#3a0ca3",
        "short_bio": (
            "Data scientist building open tools that flag likely wildlife adverts from text "
            "and images."
        ),
        "bio": (
            "<p>Dr Arjun Mehta is a research fellow in data science at the University of "
            "Southbridge, where he builds open-source classifiers that flag likely wildlife "
            "adverts from their text and photographs.</p>"
        ),
        "links": [],
    },
    {
        "slug": "pieter-van-der-merwe",
        "name": "Pieter van der Merwe",
        "job_title": "Visiting Researcher, Wildlife Supply Chains",
        "organisation": "University of Southbridge",
        "colour": "#6c584c",
        "short_bio": "Researches the supply chains of rhino horn from source to consumer.",
        "bio": (
            "<p>Dr Pieter van der Merwe is a visiting researcher at the University of "
            "Southbridge, studying how rhino horn moves from source countries to consumer "
            "markets.</p>"
        ),
        "links": [],
    },
    {
        "slug": "kenji-watanabe",
        "name": "Kenji Watanabe",
        "job_title": "Policy Director",
        "organisation": "Elephant Futures Japan",
        "colour": "#22223b",
        "short_bio": (
            "Campaigns for the closure of Japan's domestic ivory market and tracks ivory sales "
            "online."
        ),
        "bio": (
            "<p>Kenji Watanabe is policy director of Elephant Futures Japan. He has monitored "
            "ivory sales in Japanese shops and online for more than a decade and argues for "
            "closing the domestic market.</p>"
        ),
        "links": [],
    },
    {
        "slug": "claire-dubois",
        "name": "Claire Dubois",
        "job_title": "Senior Policy Officer",
        "organisation": "European Wildlife Trade Observatory",
        "colour": "#4a4e69",
        "short_bio": (
            "Follows the EU's ivory rules and their enforcement in member states for a regional "
            "observatory."
        ),
        "bio": (
            "<p>Claire Dubois is a senior policy officer at the European Wildlife Trade "
            "Observatory, where she follows how the EU's ivory rules are applied and enforced "
            "in member states.</p>"
        ),
        "links": [],
    },
    {
        "slug": "tom-harding",
        "name": "Tom Harding",
        "job_title": "Environment Editor",
        "organisation": "The Wild Record",
        "colour": "#495057",
        "short_bio": "Environment editor and investigative reporter covering wildlife crime.",
        "bio": (
            "<p>Tom Harding is environment editor of The Wild Record. His investigations into "
            "wildlife trafficking have taken him from port warehouses to closed online "
            "groups.</p>"
        ),
        "links": [],
    },
    {
        "slug": "grace-wanjiru",
        "name": "Grace Wanjiru",
        "job_title": "Programme Director",
        "organisation": "Savanna Community Conservancies Trust",
        "colour": "#7f5539",
        "short_bio": (
            "Runs programmes that let communities share in the benefits of the wildlife they "
            "protect."
        ),
        "bio": (
            "<p>Grace Wanjiru directs programmes at the Savanna Community Conservancies Trust, "
            "which supports community-owned conservancies. She focuses on benefit sharing, "
            "women's leadership and local reporting networks.</p>"
        ),
        "links": [],
    },
    {
        "slug": "samuel-lekishon",
        "name": "Samuel Lekishon",
        "job_title": "Head Ranger and Community Liaison",
        "organisation": "Savanna Community Conservancies Trust",
        "colour": "#344e41",
        "short_bio": (
            "Head ranger who built a community reporting network across three conservancies."
        ),
        "bio": (
            "<p>Samuel Lekishon is head ranger and community liaison for the Savanna Community "
            "Conservancies Trust. He set up a reporting network that lets herders and teachers "
            "pass on information about poaching safely.</p>"
        ),
        "links": [],
    },
    {
        "slug": "marta-kowalczyk",
        "name": "Marta Kowalczyk",
        "job_title": "Chief Technology Officer",
        "organisation": "Sentinel Analytics",
        "colour": "#023e8a",
        "short_bio": (
            "Engineer behind sensor networks and drone patrols used by ranger teams in three "
            "countries."
        ),
        "bio": (
            "<p>Marta Kowalczyk is chief technology officer of Sentinel Analytics, which builds "
            "acoustic sensors, camera traps and drone software for protected areas.</p>"
        ),
        "links": [],
    },
    {
        "slug": "oliver-bennett",
        "name": "Oliver Bennett",
        "job_title": "Director of Partnerships",
        "organisation": "Frontline Ranger Alliance",
        "colour": "#553c9a",
        "short_bio": "Builds partnerships that fund and equip ranger teams.",
        "bio": (
            "<p>Oliver Bennett is director of partnerships at the Frontline Ranger Alliance, "
            "which raises funds for ranger teams and connects them with companies and "
            "researchers.</p>"
        ),
        "links": [],
    },
    {
        "slug": "fatima-al-sayed",
        "name": "Fatima Al-Sayed",
        "job_title": "Senior Intelligence Analyst",
        "organisation": "Intergovernmental Wildlife Enforcement Network",
        "colour": "#7b2cbf",
        "short_bio": (
            "Intelligence analyst specialising in open-source research on online wildlife sellers."
        ),
        "bio": (
            "<p>Fatima Al-Sayed is a senior intelligence analyst with the Intergovernmental "
            "Wildlife Enforcement Network. She specialises in open-source research on online "
            "sellers and trains analysts in member agencies.</p>"
        ),
        "links": [],
    },
]

# Sessions, in the edition's local time. "day" is 1 or 2; "speakers" are (slug, role) in
# order; a panel has one moderator and its panellists. Slugs default to the title's.
# "access" is open unless given: "chatham_house", or "closed" with an "access_note".
MODERATOR, PANELLIST, SPEAKER = "moderator", "panellist", "speaker"

SESSIONS = [
    # Day one
    {
        "day": 1,
        "start": "08:30",
        "end": "09:15",
        "title": "Registration and morning coffee",
        "kind": "break",
        "room": "Foyer",
        "abstract": "<p>Collect your badge in the Foyer. Coffee, tea and pastries are served.</p>",
    },
    {
        "day": 1,
        "start": "09:15",
        "end": "09:30",
        "title": "Welcome and opening remarks",
        "kind": "plenary",
        "room": "Main Hall",
        "speakers": [("amara-okonkwo", SPEAKER), ("helen-marsh", SPEAKER)],
        "topics": ["partnership"],
        "abstract": (
            "<p>The conference chair and our host department set out what the next two days "
            "are for, and what we hope to have agreed by the end of them.</p>"
        ),
    },
    {
        "day": 1,
        "start": "09:30",
        "end": "10:15",
        "title": "Opening keynote: wildlife for sale, one click away",
        "slug": "opening-keynote",
        "kind": "keynote",
        "room": "Main Hall",
        "track": "wildlife-cybercrime",
        "speakers": [("tania-mccrea-steele", SPEAKER)],
        "topics": ["online marketplaces", "social media", "ivory", "live animals"],
        "abstract": (
            "<p>Traffickers have moved from physical markets to online marketplaces and social "
            "media. This keynote draws on IFAW's research, which found adverts for 11,772 "
            "endangered and threatened specimens, worth more than GBP 3 million, in six weeks "
            "across four countries: from ivory and rhino horn products to live big cats, "
            "orangutans and gorillas.</p>"
            "<p>What does that tell us about where the trade is going, and what can platforms, "
            "governments and enforcement do together about it?</p>"
        ),
    },
    {
        "day": 1,
        "start": "10:15",
        "end": "11:15",
        "title": "Marketplaces on the front line: can platforms stop wildlife adverts?",
        "slug": "marketplaces-on-the-front-line",
        "kind": "panel",
        "room": "Main Hall",
        "track": "wildlife-cybercrime",
        "speakers": [
            ("naomi-fischer", MODERATOR),
            ("priya-raman", PANELLIST),
            ("lukas-becker", PANELLIST),
            ("fatima-al-sayed", PANELLIST),
        ],
        "topics": ["online marketplaces", "social media", "enforcement"],
        "abstract": (
            "<p>A marketplace, a social network and an enforcement analyst on what it takes "
            "to find wildlife adverts among millions of listings, and what happens after they "
            "are taken down.</p>"
            "<ul><li>Which signals work, and which do sellers learn to avoid?</li>"
            "<li>How should platforms share what they find with police and customs?</li></ul>"
        ),
    },
    {
        "day": 1,
        "start": "10:15",
        "end": "11:15",
        "title": "Ivory after the ban: lessons from the UK ivory surrender",
        "kind": "talk",
        "room": "Riverside Room",
        "track": "closing-ivory-markets",
        "speakers": [("eleanor-price", SPEAKER)],
        "topics": ["ivory", "policy"],
        "abstract": (
            "<p>When the public was invited to hand in ivory, more than 500 items came in, "
            "from piano keys to whole tusks. What did the surrender reveal about ivory kept at "
            "home, and how should such schemes be run elsewhere?</p>"
        ),
    },
    {
        "day": 1,
        "start": "11:15",
        "end": "11:45",
        "title": "Coffee break",
        "kind": "break",
        "room": "Foyer",
        "abstract": "<p>Coffee and tea in the Foyer, where the partner stands are.</p>",
    },
    {
        "day": 1,
        "start": "11:45",
        "end": "12:45",
        "title": "Following the money: payments and wildlife trafficking",
        "kind": "panel",
        "room": "Main Hall",
        "track": "wildlife-cybercrime",
        "speakers": [
            ("naomi-fischer", MODERATOR),
            ("sofia-alvarez", PANELLIST),
            ("james-whitfield", PANELLIST),
            ("ahmed-khalil", PANELLIST),
        ],
        "topics": ["payments", "enforcement", "partnership"],
        "abstract": (
            "<p>Every online sale ends in a payment. A payment company, a bank and a police "
            "financial investigator discuss the patterns that give traffickers away, and what "
            "stops them sharing those patterns today.</p>"
        ),
    },
    {
        "day": 1,
        "start": "11:45",
        "end": "12:45",
        "title": "Closing domestic ivory markets: the UK, the EU and Japan",
        "slug": "closing-domestic-ivory-markets",
        "kind": "panel",
        "room": "Riverside Room",
        "track": "closing-ivory-markets",
        "speakers": [
            ("tom-harding", MODERATOR),
            ("eleanor-price", PANELLIST),
            ("claire-dubois", PANELLIST),
            ("kenji-watanabe", PANELLIST),
        ],
        "topics": ["ivory", "policy"],
        "abstract": (
            "<p>Three markets, three approaches. The panel compares the UK's ban, the EU's "
            "rules and Japan's remaining domestic trade, and asks which loopholes matter "
            "most.</p>"
        ),
    },
    {
        "day": 1,
        "start": "11:45",
        "end": "12:45",
        "title": "Conservation that communities own",
        "kind": "talk",
        "room": "Park Suite",
        "track": "communities-and-technology",
        "speakers": [("grace-wanjiru", SPEAKER)],
        "topics": ["communities"],
        "abstract": (
            "<p>When the people who live alongside wildlife share in its benefits, poaching "
            "becomes everyone's problem. Lessons from a decade of community conservancies.</p>"
        ),
    },
    {
        "day": 1,
        "start": "12:45",
        "end": "13:45",
        "title": "Lunch",
        "kind": "break",
        "room": "Foyer",
        "abstract": "<p>Lunch is served in the Foyer. Tell us about dietary needs when you "
        "register.</p>",
    },
    {
        "day": 1,
        "start": "13:45",
        "end": "14:30",
        "title": "Algorithms that learn the language of traffickers",
        "kind": "talk",
        "room": "Main Hall",
        "track": "wildlife-cybercrime",
        "speakers": [("arjun-mehta", SPEAKER)],
        "topics": ["online marketplaces", "data"],
        "abstract": (
            "<p>Sellers rarely write \u201civory\u201d. How open machine-learning models can "
            "spot coded listings and photographs, and why a human must still check every "
            "flag.</p>"
        ),
    },
    {
        "day": 1,
        "start": "13:45",
        "end": "14:30",
        "title": "From screenshot to sentence: prosecuting online wildlife offences",
        "slug": "from-screenshot-to-sentence",
        "kind": "talk",
        "room": "Riverside Room",
        "track": "wildlife-cybercrime",
        "speakers": [("daniel-osei", SPEAKER)],
        "topics": ["enforcement", "evidence"],
        "abstract": (
            "<p>A case study of an investigation that began with a single advert, and the "
            "evidence it took to bring it to court.</p>"
        ),
    },
    {
        "day": 1,
        "start": "13:45",
        "end": "15:15",
        "title": "Workshop: spotting coded wildlife adverts",
        "kind": "workshop",
        "room": "Studio",
        "track": "wildlife-cybercrime",
        "speakers": [("hannah-lee", SPEAKER), ("fatima-al-sayed", SPEAKER)],
        "topics": ["online marketplaces", "social media"],
        "abstract": (
            "<p>A hands-on session for moderators and analysts. Work through real-looking "
            "(but invented) adverts, learn the code words and image cues, and practise "
            "writing a referral that enforcement can act on. Limited to 40 places.</p>"
        ),
    },
    {
        "day": 1,
        "start": "13:45",
        "end": "15:15",
        "title": "Workshop: designing community reporting networks",
        "kind": "workshop",
        "room": "Park Suite",
        "track": "communities-and-technology",
        "speakers": [("samuel-lekishon", SPEAKER), ("grace-wanjiru", SPEAKER)],
        "topics": ["communities", "technology"],
        "abstract": (
            "<p>How do you make it safe for a herder or a teacher to report a poaching "
            "gang? Design a reporting network step by step, from trust to feedback.</p>"
        ),
    },
    {
        "day": 1,
        "start": "14:30",
        "end": "15:15",
        "title": "Live animals in the feed: the exotic pet trade on social media",
        "slug": "live-animals-in-the-feed",
        "kind": "talk",
        "room": "Main Hall",
        "track": "wildlife-cybercrime",
        "speakers": [("lukas-becker", SPEAKER)],
        "topics": ["social media", "live animals"],
        "abstract": (
            "<p>Videos of primates and big cats kept as pets draw huge audiences and can "
            "drive demand. What a platform has learned from removing them, and from the "
            "accounts that post them.</p>"
        ),
    },
    {
        "day": 1,
        "start": "14:30",
        "end": "15:15",
        "title": "Antique or not? Testing ivory at the border",
        "kind": "talk",
        "room": "Riverside Room",
        "track": "closing-ivory-markets",
        "speakers": [("michael-grant", SPEAKER)],
        "topics": ["ivory", "customs"],
        "abstract": (
            "<p>Exemptions for antiques depend on knowing an item's age. How customs officers "
            "check claims at the border, and where the science still leaves gaps.</p>"
        ),
    },
    {
        "day": 1,
        "start": "15:15",
        "end": "15:45",
        "title": "Afternoon tea",
        "kind": "break",
        "room": "Foyer",
        "abstract": "<p>Tea, coffee and cake in the Foyer.</p>",
    },
    {
        "day": 1,
        "start": "15:45",
        "end": "16:45",
        "title": "What a public-private partnership really looks like",
        "kind": "panel",
        "room": "Main Hall",
        "track": "partnerships",
        "speakers": [
            ("amara-okonkwo", MODERATOR),
            ("helen-marsh", PANELLIST),
            ("priya-raman", PANELLIST),
            ("james-whitfield", PANELLIST),
            ("oliver-bennett", PANELLIST),
        ],
        "topics": ["partnership", "online marketplaces", "payments"],
        "abstract": (
            "<p>Government, a marketplace, a bank and an NGO on what each can offer the "
            "others, what each needs in return, and how to keep a partnership going once the "
            "launch photographs have been taken.</p>"
        ),
    },
    {
        "day": 1,
        "start": "15:45",
        "end": "16:45",
        "title": "Tracing rhino horn from source to buyer",
        "kind": "talk",
        "room": "Riverside Room",
        "track": "closing-ivory-markets",
        "status": "cancelled",
        "was": {"status": "scheduled"},
        "speakers": [("pieter-van-der-merwe", SPEAKER)],
        "topics": ["rhino horn"],
        "abstract": (
            "<p>This talk has been cancelled because the speaker can no longer travel. The "
            "Riverside Room stays open for informal discussion.</p>"
        ),
    },
    {
        "day": 1,
        "start": "15:45",
        "end": "16:45",
        "title": "Drones, sensors and the limits of technology",
        "kind": "talk",
        "room": "Park Suite",
        "track": "communities-and-technology",
        "speakers": [("marta-kowalczyk", SPEAKER)],
        "topics": ["technology"],
        "abstract": (
            "<p>Hi-tech tools promise to find poachers before they strike. An engineer's "
            "honest account of what works in the field, what breaks, and why the rangers "
            "using the tools must shape them.</p>"
        ),
    },
    {
        "day": 1,
        "start": "16:45",
        "end": "17:45",
        "title": "Networking reception",
        "kind": "networking",
        "room": "Foyer",
        "was": {"start": "17:00", "end": "18:00"},
        "abstract": (
            "<p>Drinks and conversation to close the first day, with the partner stands open.</p>"
        ),
    },
    # Day two
    {
        "day": 2,
        "start": "08:30",
        "end": "09:15",
        "title": "Morning coffee",
        "kind": "break",
        "room": "Foyer",
        "abstract": "<p>Coffee in the Foyer; badges for new arrivals at the desk.</p>",
    },
    {
        "day": 2,
        "start": "09:15",
        "end": "10:00",
        "title": "Keynote: governments on the digital front line",
        "slug": "keynote-governments-on-the-digital-front-line",
        "kind": "keynote",
        "room": "Main Hall",
        "track": "partnerships",
        "speakers": [("helen-marsh", SPEAKER)],
        "topics": ["policy", "partnership", "online marketplaces"],
        "abstract": (
            "<p>Laws written for market stalls and shipping containers now have to reach "
            "online adverts and private messages. What governments can ask of platforms, and "
            "what platforms can fairly ask of governments.</p>"
        ),
    },
    {
        "day": 2,
        "start": "10:00",
        "end": "11:00",
        "title": "Enforcement across borders: customs, police and platforms",
        "access": "chatham_house",
        "kind": "panel",
        "room": "Main Hall",
        "track": "wildlife-cybercrime",
        "speakers": [
            ("amara-okonkwo", MODERATOR),
            ("daniel-osei", PANELLIST),
            ("michael-grant", PANELLIST),
            ("lukas-becker", PANELLIST),
        ],
        "topics": ["enforcement", "customs", "social media"],
        "abstract": (
            "<p>An advert in one country, a seller in another and a parcel crossing a third "
            "border: how do police, customs and platforms work a case together?</p>"
        ),
    },
    {
        "day": 2,
        "start": "10:00",
        "end": "11:00",
        "title": "Japan's ivory market after the bans elsewhere",
        "kind": "talk",
        "room": "Riverside Room",
        "track": "closing-ivory-markets",
        "speakers": [("kenji-watanabe", SPEAKER)],
        "topics": ["ivory", "online marketplaces"],
        "abstract": (
            "<p>With the UK and much of Europe closing their markets, where does Japan's "
            "domestic ivory trade stand, and how much of it has moved online?</p>"
        ),
    },
    {
        "day": 2,
        "start": "10:00",
        "end": "11:30",
        "title": "Workshop: open-source intelligence for wildlife investigators",
        "kind": "workshop",
        "room": "Studio",
        "track": "wildlife-cybercrime",
        "speakers": [("fatima-al-sayed", SPEAKER), ("arjun-mehta", SPEAKER)],
        "topics": ["enforcement", "data"],
        "abstract": (
            "<p>Bring a laptop. Practise tracing a seller across accounts and platforms "
            "using only open sources, and learn to record what you find so that it stands up "
            "as evidence. Limited to 40 places.</p>"
        ),
    },
    {
        "day": 2,
        "start": "11:00",
        "end": "11:30",
        "title": "Coffee break",
        "kind": "break",
        "room": "Foyer",
        "abstract": "<p>Coffee and tea in the Foyer.</p>",
    },
    {
        "day": 2,
        "start": "11:30",
        "end": "12:30",
        "title": "Counting what is hidden: measuring the online wildlife trade",
        "kind": "talk",
        "room": "Main Hall",
        "track": "wildlife-cybercrime",
        "speakers": [("naomi-fischer", SPEAKER)],
        "topics": ["research", "data", "online marketplaces"],
        "abstract": (
            "<p>How many adverts are there, really? A practical guide to research methods "
            "that give comparable numbers across platforms, countries and years.</p>"
        ),
    },
    {
        "day": 2,
        "start": "11:30",
        "end": "12:30",
        "title": "Communities at the centre of protection",
        "kind": "panel",
        "room": "Riverside Room",
        "track": "communities-and-technology",
        "speakers": [
            ("oliver-bennett", MODERATOR),
            ("grace-wanjiru", PANELLIST),
            ("samuel-lekishon", PANELLIST),
            ("marta-kowalczyk", PANELLIST),
        ],
        "topics": ["communities", "technology"],
        "abstract": (
            "<p>A conservancy leader, a head ranger and an engineer on how technology can "
            "serve communities rather than watch over them.</p>"
        ),
    },
    {
        "day": 2,
        "start": "11:30",
        "end": "12:30",
        "title": "Reporting wildlife crime: what journalists need",
        "kind": "talk",
        "room": "Park Suite",
        "track": "partnerships",
        "speakers": [("tom-harding", SPEAKER)],
        "topics": ["media"],
        "abstract": (
            "<p>How investigators, NGOs and companies can work with the press without "
            "putting cases or sources at risk, from an editor who has covered the trade for "
            "years.</p>"
        ),
    },
    {
        "day": 2,
        "start": "12:30",
        "end": "13:30",
        "title": "Lunch",
        "kind": "break",
        "room": "Foyer",
        "abstract": "<p>Lunch in the Foyer.</p>",
    },
    {
        "day": 2,
        "start": "13:30",
        "end": "14:15",
        "title": "Shared signals: data sharing between platforms and payment firms",
        "access": "chatham_house",
        "slug": "shared-signals",
        "kind": "talk",
        "room": "Main Hall",
        "track": "partnerships",
        "speakers": [("sofia-alvarez", SPEAKER)],
        "topics": ["payments", "data", "partnership"],
        "abstract": (
            "<p>When a marketplace bans a wildlife seller, the seller's payment account often "
            "lives on. A proposal for sharing signals between companies, lawfully and "
            "safely.</p>"
        ),
    },
    {
        "day": 2,
        "start": "13:30",
        "end": "14:15",
        "title": "Listening for gunshots: acoustic sensors in protected areas",
        "slug": "listening-for-gunshots",
        "kind": "talk",
        "room": "Park Suite",
        "track": "communities-and-technology",
        "speakers": [("marta-kowalczyk", SPEAKER)],
        "topics": ["technology"],
        "abstract": (
            "<p>Solar-powered sensors that recognise gunshots and vehicles can alert rangers "
            "within seconds. Results from two years in the field.</p>"
        ),
    },
    {
        "day": 2,
        "start": "13:30",
        "end": "15:00",
        "title": "Workshop: writing marketplace policies that work",
        "access": "closed",
        "access_note": "Invited platform trust-and-safety teams",
        "kind": "workshop",
        "room": "Studio",
        "track": "wildlife-cybercrime",
        "speakers": [("priya-raman", SPEAKER), ("hannah-lee", SPEAKER)],
        "topics": ["online marketplaces", "policy"],
        "abstract": (
            "<p>For policy and trust-and-safety teams: draft a prohibited-items policy for "
            "wildlife that moderators can apply and sellers cannot easily dodge. Limited to 40 "
            "places.</p>"
        ),
    },
    {
        "day": 2,
        "start": "14:15",
        "end": "15:00",
        "title": "What seized phones tell us about trafficking networks",
        "access": "closed",
        "access_note": "Law enforcement and customs only",
        "kind": "talk",
        "room": "Main Hall",
        "track": "wildlife-cybercrime",
        "speakers": [("daniel-osei", SPEAKER)],
        "topics": ["enforcement", "evidence", "social media"],
        "abstract": (
            "<p>Messages, photos and payment apps on a trafficker's phone map a network far "
            "beyond one arrest. How to read them, and how to share what they show.</p>"
        ),
    },
    {
        "day": 2,
        "start": "14:15",
        "end": "15:00",
        "title": "Closing the antiques loophole",
        "kind": "talk",
        "room": "Riverside Room",
        "track": "closing-ivory-markets",
        "speakers": [("claire-dubois", SPEAKER)],
        "topics": ["ivory", "policy"],
        "abstract": (
            "<p>Exemptions for antiques are where ivory bans leak. A comparison of the rules "
            "in the EU and the UK and of how well each is enforced.</p>"
        ),
    },
    {
        "day": 2,
        "start": "15:00",
        "end": "15:30",
        "title": "Afternoon break",
        "kind": "break",
        "room": "Foyer",
        "abstract": "<p>Tea and coffee in the Foyer.</p>",
    },
    {
        "day": 2,
        "start": "15:30",
        "end": "16:30",
        "title": "Closing plenary: the network we need",
        "kind": "plenary",
        "room": "Main Hall",
        "track": "partnerships",
        "speakers": [
            ("amara-okonkwo", MODERATOR),
            ("tania-mccrea-steele", SPEAKER),
            ("helen-marsh", SPEAKER),
            ("priya-raman", SPEAKER),
            ("grace-wanjiru", SPEAKER),
        ],
        "topics": ["partnership", "online marketplaces", "communities"],
        "abstract": (
            "<p>Speakers from an NGO, government, a marketplace and a community trust "
            "gather up the two days and each name one thing their organisation will do "
            "before the next conference.</p>"
        ),
    },
    {
        "day": 2,
        "start": "16:30",
        "end": "17:30",
        "title": "Farewell drinks",
        "kind": "networking",
        "room": "Foyer",
        "abstract": "<p>A last chance to swap contacts before you head home.</p>",
    },
]

AGENDA_PAGE = {
    "slug": "agenda",
    "title": "Agenda",
    "introduction": (
        "Two days of keynotes, panels, talks and workshops across four tracks. Filter by day, "
        "track, kind of session or topic, or subscribe to the agenda in your calendar."
    ),
}

SPEAKERS_PAGE = {
    "slug": "speakers",
    "title": "Speakers",
    "introduction": (
        "Investigators, policy makers, researchers, campaigners and the people who run online "
        "platforms: meet the speakers of this edition."
    ),
}

REGISTRATION_PAGE = {
    "slug": "registration",
    "title": "Registration",
    "search_description": "Register for the Illegal Wildlife Trade Conference: free of charge, "
    "places confirmed in order, with a waitlist once the conference is full.",
    "capacity": 300,
    "waitlist_enabled": True,
    "retention_days": 90,
    "intro": (
        "<p>Attendance is free for anyone working against the illegal wildlife trade: "
        "government, law enforcement, NGOs, online platforms, banks, researchers and "
        "journalists.</p>"
        "<ol>"
        "<li>Fill in the form below.</li>"
        "<li>Open the link in the e-mail we send you to confirm your address. Your place "
        "counts from that moment, in the order addresses are confirmed.</li>"
        "<li>Every e-mail from us carries a private link to your registration: change your "
        "details, choose your sessions for your own calendar, cancel, or download and erase "
        "your data.</li>"
        "</ol>"
        "<p>When all seats are taken you join the waitlist, and a seat that frees up goes to "
        "the next person in line straight away.</p>"
    ),
    "terms": (
        "<p>One registration per person; badges are not transferable. Please cancel if you "
        "cannot come, so that your seat goes to someone on the waitlist. All attendees agree "
        "to the code of conduct. Sessions under the Chatham House Rule are marked on the "
        "agenda.</p>"
    ),
    "privacy_notice": (
        "<p>The conference organisers use your name, e-mail address, organisation, job title, "
        "sector and country to run your registration, print your badge and send you "
        "practical information about the conference. Dietary and accessibility needs are "
        "shared only with the venue's catering and access teams.</p>"
        "<p>Your name appears in the delegate directory and you appear in photographs only "
        "if you say so, and you can change your mind at any time from your registration "
        "page. We keep your details until 90 days after the conference, then keep only "
        "anonymous counts by sector and country. You can download or erase your data at any "
        "time.</p>"
    ),
}

DIRECTORY_PAGE = {
    "slug": "delegates",
    "title": "Delegate directory",
    "introduction": (
        "Find the people you came to meet. Search by name, organisation or what people can "
        "help with, filter by sector, country, language or interest, and start with the "
        "delegates suggested for you from the other side of the public–private divide. Only "
        "confirmed delegates of this edition see this directory, and it never shows contact "
        "details."
    ),
    "meetings_enabled": True,
}

# When and where delegates meet 1:1: (day of the edition, start, end) in its zone, during the
# breaks of the first day and through the afternoon of the second; (name, meetings at once,
# directions).
MEETING_TIMES = [
    (1, "11:15", "11:45"),
    (1, "12:45", "13:15"),
    (1, "13:15", "13:45"),
    (1, "15:45", "16:15"),
    (2, "11:00", "11:30"),
    (2, "14:00", "14:30"),
    (2, "14:30", "15:00"),
    (2, "15:00", "15:30"),
    (2, "15:30", "16:00"),
]
MEETING_POINTS = [
    *((f"Table {number}", 1, "In the Foyer, along the windows") for number in range(1, 7)),
    ("Kestrel Room", 3, "First floor: up the stairs from the Foyer, first door on the left"),
]

# Fictional confirmed delegates, so that the registration desk, its dashboard and the
# delegate directory have something to show. Each group's delegates come from its
# organisations and have its job titles in turn. The first of a group chose to be listed in
# the directory when they registered and filled in the profiles below, in order; the rest
# of the group are not listed. Profiles name tracks by slug and topics by the name the
# sessions use; languages are codes of network/languages.py.
DEMO_DELEGATES = [
    {
        "sector": "government",
        "country": "GB",
        "count": 9,
        "organisations": [
            "Department for Nature and Wildlife Protection",
            "Wildlife Trade Licensing Office",
            "Office for Environmental Crime Policy",
            "Overseas Development Office, Biodiversity Programme",
        ],
        "job_titles": [
            "Policy adviser",
            "Head of wildlife trade policy",
            "Licensing officer",
            "Programme manager",
            "Senior analyst",
        ],
        "profiles": [
            {
                "introduction": (
                    "I advise ministers on closing the domestic ivory market and on how the "
                    "rules are enforced. Before that I worked with antiques dealers, so I "
                    "know where sellers look for loopholes."
                ),
                "can_help_with": "How the rules on ivory sales work in practice",
                "looking_for": "Online marketplaces willing to share what their ivory filters "
                "catch",
                "tracks": ["closing-ivory-markets", "wildlife-cybercrime"],
                "topics": ["ivory", "policy", "online marketplaces"],
                "languages": ["en"],
            },
            {
                "introduction": (
                    "I lead a small team that writes guidance for people who trade in "
                    "protected species. We want that guidance to reach sellers on social "
                    "media, not only registered dealers."
                ),
                "can_help_with": "Import and export permits, and what a legal listing must show",
                "looking_for": "Social media teams who can put our guidance in front of sellers",
                "tracks": ["wildlife-cybercrime", "partnerships"],
                "topics": ["social media", "live animals", "policy"],
                "languages": ["en", "es"],
            },
            {
                "introduction": (
                    "I check permit applications for live animals and pick out the ones that "
                    "do not add up: the wrong species, impossible numbers, breeders nobody "
                    "has heard of."
                ),
                "can_help_with": "Spotting forged or reused permits for live animals",
                "looking_for": "Researchers who follow the exotic pet trade online",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["live animals", "evidence", "customs"],
                "languages": ["en"],
            },
            {
                "introduction": (
                    "I manage grants for community conservation and ranger training in East "
                    "and southern Africa, and I want to hear what works before our next "
                    "funding round opens."
                ),
                "can_help_with": "Our funding rules for conservation projects, and how to apply",
                "looking_for": "Community groups and NGOs with results they can show",
                "tracks": ["communities-and-technology", "partnerships"],
                "topics": ["communities", "technology"],
                "languages": ["en", "sw"],
            },
            {
                "introduction": (
                    "I bring together seizure figures from police, customs and NGOs to tell "
                    "ministers where the trade is heading. The gaps in those figures worry "
                    "me more than the numbers."
                ),
                "can_help_with": "Reading national seizure statistics, and their limits",
                "looking_for": "Platforms and banks that can share trends without sharing "
                "personal data",
                "tracks": ["partnerships", "wildlife-cybercrime"],
                "topics": ["data", "payments"],
                "languages": ["en", "de"],
            },
            {
                "introduction": (
                    "I prepare our position for international wildlife trade talks and "
                    "follow how domestic ivory markets are being closed in Europe and Asia."
                ),
                "can_help_with": "Where international talks on ivory markets stand",
                "looking_for": "Colleagues from the EU and Japan who work on their own ivory "
                "rules",
                "tracks": ["closing-ivory-markets"],
                "topics": ["ivory", "policy", "partnership"],
                "languages": ["en", "fr", "ja"],
            },
            {
                "introduction": (
                    "I am drafting a code of practice for online platforms on wildlife "
                    "listings, and I would rather write it with the platforms than for them."
                ),
                "can_help_with": "What the draft code of practice will ask of platforms",
                "looking_for": "Trust and safety leads to test the draft with",
                "tracks": ["wildlife-cybercrime", "partnerships"],
                "topics": ["online marketplaces", "social media", "policy"],
                "languages": ["en"],
            },
        ],
    },
    {
        "sector": "law_enforcement",
        "country": "KE",
        "count": 6,
        "organisations": [
            "Kenya Wildlife Protection Unit",
            "Coast Region Anti-Trafficking Taskforce",
            "Nairobi Airport Wildlife Interdiction Team",
        ],
        "job_titles": [
            "Investigator",
            "Intelligence analyst",
            "Senior investigator",
            "Detection dog handler",
            "Digital forensics officer",
        ],
        "profiles": [
            {
                "introduction": (
                    "I investigate ivory and pangolin scale cases from the first tip-off to "
                    "court. More and more of our leads start with a post on social media."
                ),
                "can_help_with": "How a wildlife case is built in Kenya, from seizure to "
                "conviction",
                "looking_for": "Platform contacts who answer a police request quickly",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["enforcement", "social media", "ivory"],
                "languages": ["en", "sw"],
            },
            {
                "introduction": (
                    "I map the routes traffickers use through the coastal ports, from the "
                    "shipping documents to the phones we seize."
                ),
                "can_help_with": "Port routes and how shipments are disguised",
                "looking_for": "Customs officers in Asia and Europe to compare routes with",
                "tracks": ["closing-ivory-markets", "partnerships"],
                "topics": ["customs", "data", "ivory"],
                "languages": ["en", "sw"],
            },
            {
                "introduction": (
                    "My team checks passengers and cargo at the airport. Live birds and "
                    "reptiles are the hardest to catch, and they are often advertised online "
                    "before the flight."
                ),
                "can_help_with": "What smuggled live animals look like at an airport",
                "looking_for": "Researchers who watch the online trade in reptiles and birds",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["live animals", "customs", "enforcement"],
                "languages": ["en", "sw"],
            },
            {
                "introduction": (
                    "I handle detection dogs trained on ivory, rhino horn and pangolin "
                    "scales, and I train handlers from neighbouring countries."
                ),
                "can_help_with": "Detection dogs: what they find and how handlers are trained",
                "looking_for": "Technology that could help the dogs at busy border posts",
                "tracks": ["communities-and-technology"],
                "topics": ["technology", "rhino horn", "customs"],
                "languages": ["en", "sw"],
            },
            {
                "introduction": (
                    "I recover messages, photos and payment records from seized phones. Good "
                    "evidence from one phone often leads straight to the buyer."
                ),
                "can_help_with": "Evidence from phones, and how to keep it admissible",
                "looking_for": "Payment firms that can trace mobile money transfers with us",
                "tracks": ["wildlife-cybercrime", "partnerships"],
                "topics": ["evidence", "payments", "data"],
                "languages": ["en", "sw"],
            },
        ],
    },
    {
        "sector": "law_enforcement",
        "country": "GB",
        "count": 5,
        "organisations": [
            "Northshire Police Wildlife Crime Unit",
            "Border Protection and Customs Agency",
            "Southmoor Constabulary Rural Crime Team",
        ],
        "job_titles": [
            "Wildlife crime officer",
            "Customs officer",
            "Detective sergeant",
            "Financial investigator",
        ],
        "profiles": [
            {
                "introduction": (
                    "I investigate wildlife crime across a large rural police force, from "
                    "birds of prey to ivory sold at auction and online."
                ),
                "can_help_with": "How a police wildlife crime case is run in England",
                "looking_for": "Auction sites and marketplaces with a clear route for police "
                "requests",
                "tracks": ["closing-ivory-markets", "wildlife-cybercrime"],
                "topics": ["ivory", "enforcement", "online marketplaces"],
                "languages": ["en"],
            },
            {
                "introduction": (
                    "I work on the parcel stream at a large mail centre, where more and more "
                    "wildlife arrives in small packages bought online."
                ),
                "can_help_with": "What gets caught in the post, and how",
                "looking_for": "Marketplaces and couriers who can flag risky parcels earlier",
                "tracks": ["wildlife-cybercrime", "partnerships"],
                "topics": ["customs", "online marketplaces", "live animals"],
                "languages": ["en", "pl"],
            },
            {
                "introduction": (
                    "I lead investigations that start online: adverts, private groups, "
                    "messages. I want it to be easier to get evidence from platforms based "
                    "abroad."
                ),
                "can_help_with": "What police need from a platform to build a case",
                "looking_for": "Platform staff who handle law enforcement requests",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["evidence", "social media", "enforcement"],
                "languages": ["en"],
            },
            {
                "introduction": (
                    "I follow the money in wildlife cases and use it to seize criminal "
                    "assets. The payments are often the easiest part of a network to prove."
                ),
                "can_help_with": "Financial investigation and asset recovery in wildlife cases",
                "looking_for": "Banks and payment firms to build warning signs with",
                "tracks": ["partnerships"],
                "topics": ["payments", "enforcement"],
                "languages": ["en", "ur"],
            },
        ],
    },
    {
        "sector": "intergovernmental",
        "country": "CH",
        "count": 4,
        "organisations": [
            "Intergovernmental Wildlife Enforcement Network",
            "Multilateral Wildlife Trade Secretariat",
        ],
        "job_titles": [
            "Enforcement support officer",
            "Legal officer",
            "Training coordinator",
        ],
        "profiles": [
            {
                "introduction": (
                    "I help national agencies work on the same case across borders: sharing "
                    "alerts, setting up joint operations and keeping track of what was "
                    "seized where."
                ),
                "can_help_with": "Setting up cross-border operations and alerts",
                "looking_for": "Platforms ready to join a joint operation against online sellers",
                "tracks": ["wildlife-cybercrime", "partnerships"],
                "topics": ["enforcement", "online marketplaces"],
                "languages": ["en", "fr", "de"],
            },
            {
                "introduction": (
                    "I advise countries on their wildlife trade laws, and on whether those "
                    "laws reach sales made online."
                ),
                "can_help_with": "Comparing wildlife trade laws between countries",
                "looking_for": "Laws that made online wildlife sales easier to prosecute",
                "tracks": ["closing-ivory-markets", "wildlife-cybercrime"],
                "topics": ["policy", "ivory", "online marketplaces"],
                "languages": ["en", "fr", "es"],
            },
            {
                "introduction": (
                    "I organise training for rangers, customs officers and prosecutors, and "
                    "I am building a course on online investigations with partners from "
                    "industry."
                ),
                "can_help_with": "Training programmes for enforcement staff in many countries",
                "looking_for": "Trainers from platforms and banks for an online "
                "investigations course",
                "tracks": ["communities-and-technology", "partnerships"],
                "topics": ["technology", "enforcement", "communities"],
                "languages": ["en", "fr", "pt"],
            },
        ],
    },
    {
        "sector": "ngo",
        "country": "GB",
        "count": 10,
        "organisations": [
            "Pangolin Protection Trust",
            "Wild Markets Monitor",
            "Species Advocacy Network",
            "Greenwatch Investigations",
        ],
        "job_titles": [
            "Campaigns manager",
            "Investigator",
            "Programme manager",
            "Policy officer",
            "Data analyst",
        ],
        "profiles": [
            {
                "introduction": (
                    "I run our campaigns against the trade in pangolin scales and meat, and "
                    "work with communities in Asia and Africa to bring demand down."
                ),
                "can_help_with": "Demand reduction campaigns and what they achieve",
                "looking_for": "Social media teams to run awareness messages with",
                "tracks": ["communities-and-technology", "wildlife-cybercrime"],
                "topics": ["communities", "social media"],
                "languages": ["en", "vi"],
            },
            {
                "introduction": (
                    "I watch online marketplaces and social media for wildlife adverts and "
                    "report them. Last year we sent platforms thousands of listings."
                ),
                "can_help_with": "Recognising coded wildlife adverts online",
                "looking_for": "Platforms that tell us what became of the listings we report",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["online marketplaces", "social media", "evidence"],
                "languages": ["en", "fr"],
            },
            {
                "introduction": (
                    "I coordinate a coalition of NGOs working to close ivory markets in "
                    "Europe and Asia, and I keep track of which laws are changing where."
                ),
                "can_help_with": "The state of ivory laws in Europe and Asia",
                "looking_for": "Government officials who are drafting ivory rules",
                "tracks": ["closing-ivory-markets"],
                "topics": ["ivory", "policy"],
                "languages": ["en", "ja"],
            },
            {
                "introduction": (
                    "I turn our investigations into policy proposals, mostly on how online "
                    "platforms and payment firms should deal with wildlife sales."
                ),
                "can_help_with": "Policy proposals for platforms and payment firms",
                "looking_for": "Payment firms open to a frank talk about wildlife transactions",
                "tracks": ["partnerships", "wildlife-cybercrime"],
                "topics": ["payments", "policy", "online marketplaces"],
                "languages": ["en", "es"],
            },
            {
                "introduction": (
                    "I build the database behind our reports: seizures, prices and adverts, "
                    "cleaned and linked so that the trends can be trusted."
                ),
                "can_help_with": "Cleaning and linking seizure and advert data",
                "looking_for": "Researchers and platforms to compare data methods with",
                "tracks": ["wildlife-cybercrime", "communities-and-technology"],
                "topics": ["data", "research", "technology"],
                "languages": ["en", "de"],
            },
            {
                "introduction": (
                    "I work on the trade in live animals: primates, big cats and birds sold "
                    "as pets, often after being shown off in videos."
                ),
                "can_help_with": "How the exotic pet trade uses videos and influencers",
                "looking_for": "Social media staff who write the rules on animal content",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["live animals", "social media"],
                "languages": ["en", "id"],
            },
            {
                "introduction": (
                    "I investigate ivory and rhino horn traders in the UK and follow their "
                    "links overseas, working closely with the police."
                ),
                "can_help_with": "Research on ivory traders, within the law",
                "looking_for": "Police and customs officers in the UK and East Africa",
                "tracks": ["closing-ivory-markets", "partnerships"],
                "topics": ["ivory", "rhino horn", "enforcement"],
                "languages": ["en", "sw"],
            },
            {
                "introduction": (
                    "I manage a project that puts low-cost sensors and camera traps in the "
                    "hands of community rangers."
                ),
                "can_help_with": "Choosing and running camera traps and sensors in the field",
                "looking_for": "Tech companies with equipment or skills to give",
                "tracks": ["communities-and-technology"],
                "topics": ["technology", "communities"],
                "languages": ["en", "pt"],
            },
        ],
    },
    {
        "sector": "ngo",
        "country": "ZA",
        "count": 4,
        "organisations": [
            "Frontline Ranger Alliance",
            "Karoo Rhino Trust",
            "Lowveld Community Wildlife Forum",
        ],
        "job_titles": ["Ranger training lead", "Director", "Community liaison officer"],
        "profiles": [
            {
                "introduction": (
                    "I train anti-poaching rangers and look after their welfare. Rangers see "
                    "poaching first, and what they report deserves to reach investigators."
                ),
                "can_help_with": "Ranger training and reporting from the field",
                "looking_for": "Investigators who want better reports from the field",
                "tracks": ["communities-and-technology", "partnerships"],
                "topics": ["communities", "enforcement", "rhino horn"],
                "languages": ["en", "zu"],
            },
            {
                "introduction": (
                    "We protect rhinos on private and community land. I want to know where "
                    "the horn ends up and who buys it."
                ),
                "can_help_with": "Protecting rhinos on private and community land",
                "looking_for": "Researchers and investigators who trace rhino horn markets",
                "tracks": ["closing-ivory-markets", "communities-and-technology"],
                "topics": ["rhino horn", "technology"],
                "languages": ["en"],
            },
            {
                "introduction": (
                    "I work with villages next to protected areas, so that people gain from "
                    "wildlife staying alive and have a safe way to report poaching."
                ),
                "can_help_with": "Working with communities who live next to parks",
                "looking_for": "Funders and partners for community reporting schemes",
                "tracks": ["communities-and-technology"],
                "topics": ["communities", "partnership"],
                "languages": ["en", "zu"],
            },
        ],
    },
    {
        "sector": "online_platform",
        "country": "US",
        "count": 7,
        "organisations": ["Chatterly", "Tradewind Marketplace", "Flockfeed", "Vendora"],
        "job_titles": [
            "Trust and safety lead",
            "Policy manager",
            "Law enforcement response manager",
            "Machine learning engineer",
            "Content moderation lead",
        ],
        "profiles": [
            {
                "introduction": (
                    "I lead the team that keeps wildlife trafficking off Chatterly. We remove "
                    "posts and accounts every week, and I want our detection to learn from "
                    "the people who know the trade best."
                ),
                "can_help_with": "How a social network finds and removes wildlife posts",
                "looking_for": "Investigators and NGOs who can explain the traders' new code "
                "words",
                "tracks": ["wildlife-cybercrime", "partnerships"],
                "topics": ["social media", "enforcement"],
                "languages": ["en", "es"],
            },
            {
                "introduction": (
                    "I write our rules on prohibited items. Wildlife laws differ from one "
                    "country to the next, and sellers look for every gap between them."
                ),
                "can_help_with": "What marketplace rules on wildlife cover, and what they miss",
                "looking_for": "Government officials to check our rules against the law",
                "tracks": ["wildlife-cybercrime", "closing-ivory-markets"],
                "topics": ["online marketplaces", "policy", "ivory"],
                "languages": ["en", "fr"],
            },
            {
                "introduction": (
                    "I answer requests from police around the world for account data. A "
                    "well-written request comes back in days; a vague one can take weeks."
                ),
                "can_help_with": "Writing a law enforcement request that gets a quick answer",
                "looking_for": "Police and customs teams who send us requests",
                "tracks": ["wildlife-cybercrime", "partnerships"],
                "topics": ["evidence", "enforcement", "social media"],
                "languages": ["en", "ko"],
            },
            {
                "introduction": (
                    "I build the models that flag risky listings on our marketplace. Photos "
                    "of animal products are hard to tell apart from legal goods."
                ),
                "can_help_with": "Automatic detection of wildlife products in listings",
                "looking_for": "Labelled examples, and experts to check what our models flag",
                "tracks": ["wildlife-cybercrime", "communities-and-technology"],
                "topics": ["technology", "data", "online marketplaces"],
                "languages": ["en", "zh"],
            },
            {
                "introduction": (
                    "I manage the moderators who review reported posts in South-East Asian "
                    "languages, where much of the live animal trade on our service happens."
                ),
                "can_help_with": "Moderating wildlife content in many languages",
                "looking_for": "NGOs that can teach moderators species names and slang",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["live animals", "social media"],
                "languages": ["en", "th", "vi"],
            },
            {
                "introduction": (
                    "I run the team that investigates sellers banned for wildlife listings "
                    "and works out who comes back under a new name."
                ),
                "can_help_with": "Tracking banned sellers who return with new accounts",
                "looking_for": "Payment firms to link accounts that share a way of paying",
                "tracks": ["partnerships", "wildlife-cybercrime"],
                "topics": ["payments", "online marketplaces", "enforcement"],
                "languages": ["en"],
            },
        ],
    },
    {
        "sector": "online_platform",
        "country": "IE",
        "count": 3,
        "organisations": ["Bazaaro", "Greenlane Classifieds"],
        "job_titles": [
            "Head of marketplace integrity",
            "Public policy manager",
            "Data scientist",
        ],
        "profiles": [
            {
                "introduction": (
                    "I lead marketplace integrity for Europe. We joined an industry coalition "
                    "against wildlife trafficking, and I want to show what it has changed."
                ),
                "can_help_with": "Industry coalitions, and how members share what they learn",
                "looking_for": "Customs and police in the EU to agree how we report to them",
                "tracks": ["partnerships", "wildlife-cybercrime"],
                "topics": ["online marketplaces", "customs"],
                "languages": ["en", "de", "it"],
            },
            {
                "introduction": (
                    "I speak for our classifieds site to governments and regulators, and "
                    "follow the rules on online content in every country we serve."
                ),
                "can_help_with": "How the rules for platforms apply to wildlife listings",
                "looking_for": "Regulators and NGOs to discuss our reporting duties with",
                "tracks": ["closing-ivory-markets", "partnerships"],
                "topics": ["policy", "ivory"],
                "languages": ["en", "fr"],
            },
            {
                "introduction": (
                    "I measure how many wildlife listings slip past our filters, and I would "
                    "like to compare figures with others who do the same."
                ),
                "can_help_with": "Measuring how well listing filters work",
                "looking_for": "Researchers with data on wildlife adverts to compare with",
                "tracks": ["wildlife-cybercrime", "communities-and-technology"],
                "topics": ["data", "research", "technology"],
                "languages": ["en", "pl"],
            },
        ],
    },
    {
        "sector": "financial",
        "country": "GB",
        "count": 4,
        "organisations": ["Meridian Bank", "Coinstead Payments", "Harbourside Bank"],
        "job_titles": [
            "Financial crime analyst",
            "Head of financial intelligence",
            "Compliance manager",
        ],
        "profiles": [
            {
                "introduction": (
                    "I look for wildlife trafficking in payment data: the patterns, accounts "
                    "and routes that set it apart from ordinary trade."
                ),
                "can_help_with": "Warning signs of wildlife trafficking in payments",
                "looking_for": "Investigators to test our warning signs against real cases",
                "tracks": ["partnerships"],
                "topics": ["payments", "data", "enforcement"],
                "languages": ["en", "hi"],
            },
            {
                "introduction": (
                    "We take payments for small online sellers. I want to catch the wildlife "
                    "traders among them without blocking honest sellers."
                ),
                "can_help_with": "How a payment firm investigates and reports a seller",
                "looking_for": "Marketplaces and police to share alerts with",
                "tracks": ["partnerships", "wildlife-cybercrime"],
                "topics": ["payments", "online marketplaces"],
                "languages": ["en", "es"],
            },
            {
                "introduction": (
                    "I make sure our bank reports suspicious activity well. Wildlife crime is "
                    "new to many of our analysts, and I want to train them."
                ),
                "can_help_with": "Suspicious activity reports, and what makes them useful",
                "looking_for": "Training material and speakers on wildlife crime",
                "tracks": ["partnerships"],
                "topics": ["payments", "policy"],
                "languages": ["en"],
            },
        ],
    },
    {
        "sector": "academia",
        "country": "NL",
        "count": 5,
        "organisations": [
            "Lowlands Institute for Environmental Crime Research",
            "Rijnhaven University",
        ],
        "job_titles": [
            "Researcher",
            "Professor of criminology",
            "PhD candidate",
            "Postdoctoral researcher",
        ],
        "profiles": [
            {
                "introduction": (
                    "I study how wildlife adverts move from one platform to another when one "
                    "of them cracks down, with data collected over several years."
                ),
                "can_help_with": "Research on adverts that move between platforms",
                "looking_for": "Platforms willing to share takedown data for research",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["research", "online marketplaces", "data"],
                "languages": ["en", "nl"],
            },
            {
                "introduction": (
                    "I lead a research group on environmental crime and where it meets "
                    "fraud, money laundering and organised crime."
                ),
                "can_help_with": "Evidence on what works against organised wildlife crime",
                "looking_for": "Enforcement partners for a study of court cases",
                "tracks": ["partnerships", "closing-ivory-markets"],
                "topics": ["research", "enforcement", "policy"],
                "languages": ["en", "nl", "de"],
            },
            {
                "introduction": (
                    "My thesis asks how community rangers and new technology together change "
                    "poaching, from camera traps to phone apps."
                ),
                "can_help_with": "What rangers say about the technology they are given",
                "looking_for": "Rangers and NGOs to interview for my research",
                "tracks": ["communities-and-technology"],
                "topics": ["communities", "technology", "research"],
                "languages": ["en", "nl", "sw"],
            },
            {
                "introduction": (
                    "I work on tracing payments in online wildlife sales, from the first "
                    "message between buyer and seller to the money."
                ),
                "can_help_with": "Methods for following payments in online sales",
                "looking_for": "Banks and payment firms for a joint research project",
                "tracks": ["wildlife-cybercrime", "partnerships"],
                "topics": ["payments", "research", "social media"],
                "languages": ["en", "nl", "es"],
            },
        ],
    },
    {
        "sector": "media",
        "country": "FR",
        "count": 2,
        "organisations": ["L'Observateur de la Faune", "Reportage Nature Hebdo"],
        "job_titles": ["Journalist", "Editor"],
        "profiles": [
            {
                "introduction": (
                    "I report on wildlife crime for a French magazine and I am preparing a "
                    "series on how the trade moved online."
                ),
                "can_help_with": "Telling the story of your work to a wide audience",
                "looking_for": "Investigators, platforms and researchers who will talk on "
                "the record",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["media", "social media", "online marketplaces"],
                "languages": ["fr", "en"],
            },
        ],
    },
    {
        "sector": "other",
        "country": "VN",
        "count": 2,
        "organisations": ["Mekong Freight Forwarders Association", "Saigon Express Couriers"],
        "job_titles": ["Security manager", "Compliance officer"],
        "profiles": [
            {
                "introduction": (
                    "I help freight companies spot shipments that may hide wildlife: false "
                    "declarations, odd routes, new clients who pay in cash."
                ),
                "can_help_with": "How freight checks work in South-East Asia",
                "looking_for": "Customs officers and NGOs to share warning signs with",
                "tracks": ["partnerships", "closing-ivory-markets"],
                "topics": ["customs", "ivory"],
                "languages": ["vi", "en"],
            },
            {
                "introduction": (
                    "Our couriers deliver parcels ordered online. I am training our staff to "
                    "recognise packages that may hold wildlife products."
                ),
                "can_help_with": "What couriers see, and what they can check",
                "looking_for": "Marketplaces and police to agree how couriers report",
                "tracks": ["wildlife-cybercrime"],
                "topics": ["customs", "online marketplaces"],
                "languages": ["vi", "en"],
            },
        ],
    },
]
DEMO_DELEGATE_EMAIL = "delegate{number}@example.org"
DEMO_DELEGATE_EMAIL_PATTERN = r"^delegate[0-9]+@example\.org$"
# 1:1 meetings between listed demo delegates, asked and answered through network/meetings.py
# (the e-mails they queue are deleted unsent): a few agreed across the public–private divide,
# a few waiting for an answer, two declined with a note. A delegate is named by the sector and
# country of their group in DEMO_DELEGATES and their place in it (counting from 0); a time by
# its day and start in MEETING_TIMES. "accept" is the time agreed, "decline" the note sent back;
# with neither, the request waits for an answer.
DEMO_MEETINGS = [
    {
        "requester": ("law_enforcement", "KE", 0),
        "invitee": ("online_platform", "US", 2),
        "times": [(1, "11:15"), (2, "11:00")],
        "message": (
            "We keep seeing ivory listings on Flockfeed move to private groups. Could we talk "
            "through how to send you preservation requests that your team can act on quickly?"
        ),
        "accept": (1, "11:15"),
    },
    {
        "requester": ("law_enforcement", "GB", 3),
        "invitee": ("financial", "GB", 1),
        "times": [(1, "12:45"), (2, "14:00")],
        "message": (
            "I would like to compare notes on the payment patterns behind online reptile "
            "sales, and on what a useful suspicious activity report looks like from your side."
        ),
        "accept": (2, "14:00"),
    },
    {
        "requester": ("online_platform", "US", 0),
        "invitee": ("law_enforcement", "GB", 1),
        "times": [(1, "13:15"), (2, "14:30")],
        "message": (
            "Chatterly is reviewing the keywords it flags for wildlife products. Could customs "
            "tell us which terms and shipping patterns you see most at the border?"
        ),
        "accept": (2, "14:30"),
    },
    {
        "requester": ("online_platform", "IE", 0),
        "invitee": ("intergovernmental", "CH", 0),
        "times": [(1, "15:45")],
        "message": (
            "Bazaaro would like to join the network's alerts on new trafficking routes. What "
            "would you need from a marketplace to make that work?"
        ),
        "accept": (1, "15:45"),
    },
    {
        "requester": ("law_enforcement", "KE", 2),
        "invitee": ("online_platform", "US", 0),
        "times": [(1, "12:45"), (2, "11:00"), (2, "15:00")],
        "message": (
            "Parcels we stop at the airport often trace back to chats on your platform. Could "
            "we agree who to contact when we need an account preserved?"
        ),
    },
    {
        "requester": ("ngo", "GB", 1),
        "invitee": ("financial", "GB", 0),
        "times": [(2, "11:00"), (2, "14:00")],
        "message": (
            "Our market monitoring turns up sellers who take card payments. Could we talk about "
            "how to pass what we find to a bank in a form you can use?"
        ),
    },
    {
        "requester": ("academia", "NL", 0),
        "invitee": ("online_platform", "US", 5),
        "times": [(2, "15:00"), (2, "15:30")],
        "message": (
            "We are studying how takedowns move sellers between platforms and would welcome "
            "half an hour on what data a research partnership could use."
        ),
    },
    {
        "requester": ("media", "FR", 0),
        "invitee": ("law_enforcement", "KE", 1),
        "times": [(1, "11:15"), (1, "13:15")],
        "message": "I am writing about trafficking through the coast ports and would value "
        "your view, on or off the record.",
        "decline": (
            "Sorry, we cannot speak to the press while cases are open. The Kenya Wildlife "
            "Protection Unit's press office can help: ask for them at the registration desk."
        ),
    },
    {
        "requester": ("other", "VN", 0),
        "invitee": ("government", "GB", 1),
        "times": [(2, "15:30")],
        "message": (
            "Freight forwarders want to know which permits to check before accepting a "
            "wildlife shipment. Could you walk me through the licensing side?"
        ),
        "decline": (
            "I leave after lunch on the second day, so 15:30 does not work. Please ask my "
            "colleague at the Wildlife Trade Licensing Office, who is here all afternoon."
        ),
    },
]
# `make demo` prints the manage link of the first listed demo delegate of this sector.
DEMO_SIGN_IN_SECTOR = "online_platform"
DEMO_DELEGATE_FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Femi",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Liam",
    "Maya",
    "Nikos",
    "Olu",
    "Paula",
    "Quentin",
    "Rosa",
    "Sam",
    "Thandi",
    "Uma",
]
DEMO_DELEGATE_FAMILY_NAMES = [
    "Achterberg",
    "Brennan",
    "Castillo",
    "Dlamini",
    "Eriksen",
    "Farouk",
    "Gallagher",
    "Haddad",
    "Iwu",
    "Jansen",
    "Kowalski",
    "Lindqvist",
    "Mwangi",
    "Novak",
    "Ortega",
]

# Content pages under the edition, in menu order. Bodies use conference.blocks.BodyBlock.
CONTENT_PAGES = [
    {
        "slug": "about",
        "title": "About",
        "introduction": (
            "The Illegal Wildlife Trade Conference brings the public and private sectors into "
            "one network against wildlife trafficking."
        ),
        "body": [
            (
                "rich_text",
                "<h2>Why this conference</h2>"
                "<p>The people best placed to stop the illegal wildlife trade rarely sit in the "
                "same room. Enforcement officers know the cases, platforms see the adverts, "
                "banks see the payments, researchers see the patterns and communities see what "
                "happens on the ground. This conference exists to connect them.</p>"
                "<h2>Themes</h2>"
                "<ul>"
                "<li><b>Wildlife cybercrime:</b> traffickers are moving from physical markets "
                "to online marketplaces and social media.</li>"
                "<li><b>Closing ivory markets:</b> ending the domestic trade in the UK, the EU "
                "and Japan.</li>"
                "<li><b>Communities and technology:</b> community involvement and hi-tech "
                "innovation against poaching.</li>"
                "<li><b>Partnerships:</b> public and private sectors working together.</li>"
                "</ul>"
                "<h2>Who comes</h2>"
                "<p>Officials from governments and intergovernmental bodies, police and "
                "customs officers, NGOs, researchers, journalists, and people from online "
                "marketplaces, social media and payment companies.</p>",
            ),
            (
                "key_facts",
                {
                    "heading": "This edition",
                    "facts": [
                        {"figure": "2 days", "label": "11 and 12 October", "source": ""},
                        {
                            "figure": "4 tracks",
                            "label": "led by wildlife cybercrime",
                            "source": "",
                        },
                        {"figure": "20+", "label": "speakers from every sector", "source": ""},
                    ],
                },
            ),
            (
                "quote",
                {
                    "text": (
                        "We measure success by the calls people make to each other in the "
                        "months after the conference."
                    ),
                    "attribution": "Amara Okonkwo, conference chair",
                },
            ),
            (
                "call_to_action",
                {
                    "heading": "Join us in October",
                    "text": "Registration is open to everyone working against wildlife crime.",
                    "link": {"label": "Register", "page": "registration", "url": ""},
                },
            ),
        ],
    },
    {
        "slug": "venue-and-travel",
        "title": "Venue and travel",
        "introduction": (
            "The conference takes place at Evolution, a light-filled venue inside Battersea "
            "Park on the south bank of the Thames in London."
        ),
        "body": [
            (
                "figure",
                {
                    "image": {"image": "venue", "decorative": False, "alt_text": None},
                    "caption": "Evolution sits among the trees of Battersea Park.",
                },
            ),
            (
                "rich_text",
                "<h2>Getting there</h2>"
                "<p>Battersea Park is well served by rail, Underground and bus. The nearest "
                "stations are Battersea Park and Queenstown Road; Battersea Power Station on "
                "the Northern line is about fifteen minutes away on foot. Follow the signs for "
                "Evolution from the park gates.</p>"
                "<p>Parking in the park is limited, so please travel by public transport, "
                "bicycle or on foot if you can.</p>"
                "<h2>Rooms</h2>"
                "<ul>"
                "<li><b>Main Hall:</b> keynotes, plenaries and the main panels</li>"
                "<li><b>Riverside Room</b> and <b>Park Suite:</b> parallel talks and panels</li>"
                "<li><b>Studio:</b> workshops with limited places</li>"
                "<li><b>Foyer:</b> registration, catering, partner stands and the "
                "receptions</li>"
                "</ul>"
                "<h2>Accessibility</h2>"
                "<p>The venue is on one level with step-free entrances, accessible toilets and "
                "a quiet room. The Main Hall and Riverside Room have hearing loops and the "
                "plenary sessions are captioned live. Tell us about any access needs when you "
                "register and we will be in touch.</p>"
                "<h2>Staying nearby</h2>"
                "<p>There are hotels at every price in Battersea, Chelsea and Pimlico, all "
                "within a short walk or bus ride of the park.</p>",
            ),
        ],
    },
    {
        "slug": "code-of-conduct",
        "title": "Code of conduct",
        "introduction": (
            "Everyone at the conference, online or in person, deserves a respectful, "
            "harassment-free experience."
        ),
        "body": [
            (
                "rich_text",
                "<h2>Our expectations</h2>"
                "<p>Delegates, speakers, partners, volunteers and staff all agree to this code. "
                "Be considerate and respectful. Disagree with ideas, never attack people. "
                "Remember that many here work in sensitive investigations.</p>"
                "<h2>Not acceptable</h2>"
                "<ul>"
                "<li>Harassment, intimidation or discrimination of any kind</li>"
                "<li>Photographing or recording people who have asked not to be, or sharing "
                "details from sessions held under the Chatham House Rule</li>"
                "<li>Sharing anyone's personal information without their consent</li>"
                "</ul>"
                "<h2>Reporting a problem</h2>"
                "<p>Speak to any member of staff at the registration desk in the Foyer. We will "
                "listen, keep your report confidential and act on it. We may ask anyone who "
                "breaks this code to leave the conference.</p>",
            ),
        ],
    },
]

# Main menu and footer. A link names a page ("page") or a track landing page ("track").
HEADER_LINKS = [
    {"label": "Agenda", "page": "agenda"},
    {"label": "Speakers", "page": "speakers"},
    {"label": "Wildlife cybercrime", "track": "wildlife-cybercrime"},
    {"label": "About", "page": "about"},
    {"label": "Venue and travel", "page": "venue-and-travel"},
    {"label": "Register", "page": "registration"},
]

FOOTER_LINKS = [
    {"label": "Code of conduct", "page": "code-of-conduct"},
    {"label": "About", "page": "about"},
]

FOOTER_TEXT = (
    "<p>The Illegal Wildlife Trade Conference: one network against wildlife trafficking. "
    "Demo content: apart from IFAW and its published research, the organisations and people "
    "other than Tania McCrea-Steele are <i>fictional</i>.</p>"
)
