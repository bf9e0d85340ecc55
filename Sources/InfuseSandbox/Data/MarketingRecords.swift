/// Campaigns, sent emails and files (v1 spec `Campaign`/`CampaignWithStats`,
/// `EmailSentQueryResult`, `FileInformation`; KEAP-API.md §6, §7b).
extension SandboxWorld {
    func writeCampaign(_ index: Int, withStats: Bool, into w: inout JSONWriter) {
        var rng = random(.campaign, index)
        let (created, published) = createdAndUpdated(&rng)
        w.beginObject()
        w.field("id", index + 1)
        w.field("name", index < SamplePools.campaignNames.count
                ? SamplePools.campaignNames[index] : "\(rng.pick(SamplePools.campaignNames)) \(index + 1)")
        w.field("locked", rng.chance(0.1))
        w.field("published_date", timestamp: published)
        w.field("published_status", rng.chance(0.8))
        w.field("published_time_zone", "America/Phoenix")
        w.field("time_zone", "America/Phoenix")
        w.field("date_created", timestamp: created)
        w.field("created_by_global_id", 900_001)
        w.field("error_message", nil as String?)
        if withStats {
            w.field("active_contact_count", rng.int(sizes.contacts))
            w.field("completed_contact_count", rng.int(sizes.contacts))
        }
        let goalID = (index + 1) * 100
        w.key("goals")
        w.beginArray()
        w.beginObject()
        w.field("id", goalID)
        w.field("name", "Web form submitted")
        w.field("type", static: "WebForm")
        w.key("historical_contact_counts")
        w.beginObject()
        w.field("24_hours", rng.int(50))
        w.field("30_days", rng.int(1500))
        w.endObject()
        w.key("next_sequence_ids")
        w.beginArray()
        w.int(goalID + 1)
        w.endArray()
        w.emptyArrayField("previous_sequence_ids")
        w.endObject()
        w.endArray()
        w.key("sequences")
        w.beginArray()
        w.beginObject()
        w.field("id", goalID + 1)
        w.field("name", "Follow-up emails")
        w.field("active_contact_count", rng.int(500))
        w.field("active_contact_count_completed", rng.int(500))
        w.key("historical_contact_count")
        w.beginObject()
        w.field("24_hours", rng.int(50))
        w.field("30_days", rng.int(1500))
        w.endObject()
        w.emptyArrayField("paths")
        w.endObject()
        w.endArray()
        w.endObject()
    }

    /// Sent email `index` went to contact `index % contacts` (so a contact's emails are
    /// `c`, `c + contacts`, … and need no scan).
    func emailContactIndex(_ index: Int) -> Int {
        index % sizes.contacts
    }

    func writeEmail(_ index: Int, withContent: Bool, into w: inout JSONWriter) {
        var rng = random(.email, index)
        let person = contactIdentity(emailContactIndex(index))
        let sent = Self.epochBase + rng.int(Self.timeSpan)
        let opened: Int? = rng.chance(0.45) ? sent + rng.int(86_400 * 3) : nil
        let subject = rng.pick(SamplePools.subjects)
        w.beginObject()
        w.field("id", index + 1)
        w.field("contact_id", person.id)
        w.field("subject", subject)
        w.field("headers", nil as String?)
        w.field("sent_from_address", "news@sandbox.example.com")
        w.field("sent_from_reply_address", "reply@sandbox.example.com")
        w.field("sent_to_address", person.emails.first ?? "")
        w.field("sent_to_cc_addresses", nil as String?)
        w.field("sent_to_bcc_addresses", nil as String?)
        w.field("sent_date", timestamp: sent)
        w.field("received_date", timestamp: sent + 2)
        w.field("opened_date", timestamp: opened)
        w.field("clicked_date", timestamp: opened.flatMap { rng.chance(0.3) ? $0 + 30 : nil })
        w.field("original_provider", static: "INFUSIONSOFT")
        w.field("original_provider_id", nil as String?)
        if withContent {
            w.field("plain_content", "Hi \(person.givenName),\n\n\(subject)\n")
            w.field("html_content", "<p>Hi \(person.givenName),</p><p>\(subject)</p>")
        }
        w.endObject()
    }

    /// The facts of file `index`, drawn exactly as ``writeFileDescriptor`` draws them;
    /// `rng` continues where the facts stop.
    struct FileFacts {
        var rng: DeterministicRandom
        let created: Int
        let updated: Int
        let name: String
        let size: Int
        let category: String
        let boxType: String
        let contactIndex: Int?
    }

    func fileFacts(_ index: Int) -> FileFacts {
        var rng = random(.file, index)
        let (created, updated) = createdAndUpdated(&rng)
        let name = rng.pick(SamplePools.fileNames)
        let size = rng.int(in: 120...5_000_000)
        let category = rng.pick(["Attachments", "Documents", "Invoice", "Logo"])
        let boxType = rng.pick(["Application", "Image", "Attachment", "Contact"])
        let contact: Int? = rng.chance(0.8) ? randomContactIndex(&rng) : nil
        return FileFacts(rng: rng, created: created, updated: updated, name: name, size: size, category: category,
                         boxType: boxType, contactIndex: contact)
    }

    func writeFileDescriptor(_ index: Int, into w: inout JSONWriter) {
        var facts = fileFacts(index)
        w.beginObject()
        w.field("id", index + 1)
        w.field("file_name", facts.name)
        w.field("file_size", facts.size)
        w.field("category", facts.category)
        w.field("file_box_type", facts.boxType)
        w.field("contact_id", facts.contactIndex.map { $0 + 1 })
        w.field("created_by", randomUserID(&facts.rng))
        w.field("public", facts.rng.chance(0.2))
        w.field("remote_file_key", nil as String?)
        w.field("download_url", "https://sandbox.example.com/files/\(index + 1)")
        w.field("date_created", timestamp: facts.created)
        w.field("last_updated", timestamp: facts.updated)
        w.endObject()
    }

    func writeFileInformation(_ index: Int, includeData: Bool, into w: inout JSONWriter) {
        w.beginObject()
        w.key("file_descriptor")
        writeFileDescriptor(index, into: &w)
        w.field("file_data", includeData ? "U2FuZGJveCBmaWxlIGNvbnRlbnQ=" : nil)
        w.endObject()
    }
}
