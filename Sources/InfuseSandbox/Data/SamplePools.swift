/// Word pools the generators draw from. Display forms deliberately include non-ASCII letters,
/// apostrophes, CJK text and emoji so clients exercise their Unicode and escaping paths; each
/// person name has an ASCII slug for email addresses.
enum SamplePools {
    /// (display, ASCII slug) given names.
    static let givenNames: [(String, String)] = [
        ("Zoë", "zoe"), ("Émile", "emile"), ("Ñandú", "nandu"), ("Mary", "mary"), ("John", "john"),
        ("Aoife", "aoife"), ("Søren", "soren"), ("Chloé", "chloe"), ("Łukasz", "lukasz"), ("Yuki", "yuki"),
        ("Priya", "priya"), ("Mohammed", "mohammed"), ("Fatima", "fatima"), ("Liam", "liam"), ("Emma", "emma"),
        ("Olivia", "olivia"), ("Mateo", "mateo"), ("太郎", "taro"), ("Ólafur", "olafur"), ("François", "francois"),
        ("Zoltán", "zoltan"), ("Anh", "anh"), ("Björn", "bjorn"), ("Renée", "renee"), ("Kwame", "kwame"),
        ("Sofía", "sofia"), ("Dmitri", "dmitri"), ("Grace", "grace"), ("Noah", "noah"), ("Ava", "ava"),
    ]

    /// (display, ASCII slug) family names.
    static let familyNames: [(String, String)] = [
        ("O'Brien", "obrien"), ("Smith", "smith"), ("Müller", "muller"), ("García", "garcia"), ("東京", "tokyo"),
        ("Nguyễn", "nguyen"), ("D'Angelo", "dangelo"), ("van der Berg", "vanderberg"), ("Kowalski", "kowalski"),
        ("Johnson", "johnson"), ("Williams", "williams"), ("Okafor", "okafor"), ("Silva", "silva"),
        ("Håkansson", "hakansson"), ("Ørsted", "orsted"), ("Papadopoulos", "papadopoulos"), ("Иванов", "ivanov"),
        ("Schröder", "schroder"), ("Lefèvre", "lefevre"), ("McDonald", "mcdonald"), ("Al-Sayed", "alsayed"),
        ("Brown", "brown"), ("Jones", "jones"), ("Ñúñez", "nunez"), ("Dupont", "dupont"),
    ]

    static let middleInitials = ["A.", "B.", "J.", "M.", "Q.", "Ž."]

    static let emailDomains = ["example.com", "example.org", "mail.example.net", "correo.example.es", "example.co.jp"]

    static let jobTitles = ["Owner", "Marketing Manager", "CEO", "Sales Rep", "Directeur Général", "Bookkeeper",
                            "Office Manager", "Consultant", "VP, Growth & Retention", "エンジニア"]

    static let companyWords = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Zoë's", "Café Ñandú",
                               "東京", "O'Neill", "Hooli", "Vandelay", "Soylent", "Wonka", "Tyrell"]
    static let companySuffixes = ["LLC", "Inc.", "GmbH", "S.A.", "Ltd", "& Sons", "株式会社", "Co-op", "Group"]

    static let streets = ["Main St", "Rue de l'Église", "Königstraße", "Calle Mayor", "1-2-3 Shibuya", "Elm Ave",
                          "Market St", "Baker Street"]
    static let cities: [(locality: String, region: String, postal: String, country: String)] = [
        ("Phoenix", "Arizona", "85001", "USA"), ("Montréal", "Québec", "H2X 1Y4", "CAN"),
        ("München", "Bayern", "80331", "DEU"), ("Sevilla", "Andalucía", "41001", "ESP"),
        ("東京", "東京都", "150-0002", "JPN"), ("Chandler", "Arizona", "85224", "USA"),
        ("Dublin", "Leinster", "D02 XY45", "IRL"), ("São Paulo", "SP", "01000-000", "BRA"),
    ]

    static let phoneTypes = ["MOBILE", "WORK", "HOME", "OTHER"]

    static let emailStatuses = ["UnengagedMarketable", "SingleOptIn", "DoubleOptin", "Confirmed",
                                "UnengagedNonMarketable", "NonMarketable", "Lockdown", "Bounce", "HardBounce"]

    static let sourceTypes = ["APPOINTMENT", "FORMAPIHOSTED", "WEBFORM", "LANDINGPAGE", "IMPORT", "MANUAL", "API",
                              "OTHER", "UNKNOWN"]

    static let colours = ["Blue", "Green", "Rouge", "Grün", "紫", "Orange 🍊", "", "Teal"]

    static let noteBodies = [
        "Called back 📞 — interested in the annual plan.",
        "Left voicemail.",
        "Great lead 🚀🚀",
        "Said \"maybe next quarter\"; follow up in Q3.",
        "Line one\nLine two\twith a tab",
        "Path C:\\Users\\demo — check the export.",
        "Prefers email. ✉️",
        "会議は来週です。",
        "",
        "Réunion reportée à jeudi.",
    ]

    static let taskTitles = ["Call back", "Send proposal", "Follow up on invoice", "Schedule demo 🎯",
                             "Envoyer le devis", "Check renewal"]

    static let productNames = ["Starter Plan", "Pro Plan", "Consulting Hour", "Ebook: Growth 101", "Café Beans 1kg",
                               "Workshop Ticket", "T-Shirt (L)", "Mug ☕", "Annual Membership", "Coaching Call"]

    static let campaignNames = ["Welcome Sequence", "Abandoned Cart", "Webinar Follow-up", "Re-engagement 💤",
                                "Black Friday", "Onboarding", "Newsletter", "Lead Magnet: Checklist"]

    static let tagNames = ["Customer", "Lead", "VIP ⭐", "Newsletter", "Webinar Attendee", "Cold", "Hot",
                           "Partner", "Churned", "Café Lovers", "東京 Region", "Do Not Contact"]
    static let tagCategories: [(id: Int, name: String)] = [(1, "Lifecycle"), (2, "Interests"), (3, "Marketing"), (4, "Région")]

    static let stageNames = ["New Lead", "Qualified", "Proposal Sent", "Negotiation", "Won", "Lost"]

    static let subjects = ["Welcome to Acme!", "Your invoice #", "Reminder: webinar tomorrow", "Zoë, a quick question",
                           "¿Sigues interesado?", "新製品のお知らせ", "Last chance ⏰"]

    static let fileNames = ["contract.pdf", "logo.png", "résumé.docx", "invoice-2023.pdf", "photo 🎉.jpg", "notes.txt"]

    static let appointmentTitles = ["Discovery call", "Demo", "Quarterly review", "Rendez-vous", "Onboarding session"]

    static let noteTypes = ["Appointment", "Call", "Email", "Fax", "Letter", "Other"]
}
