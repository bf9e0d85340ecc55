/// Companies, opportunities, tags, tasks, notes, users, appointments and affiliates
/// (shapes from the v1 spec schemas listed in KEAP-API.md §6 and §7b).
extension SandboxWorld {
    func writeCompany(_ index: Int, optional: OptionalProperties, into w: inout JSONWriter) {
        var rng = random(.company, index)
        let name = revisedText(Self.companyName(&rng), changes.revision(.companies, index)?.revision ?? 0)
        let city = rng.pick(SamplePools.cities)
        w.beginObject()
        w.field("id", index + 1)
        w.field("company_name", name)
        w.key("address")
        if rng.chance(0.8) {
            w.beginObject()
            w.field("line1", "\(rng.int(in: 1...999)) \(rng.pick(SamplePools.streets))")
            w.field("line2", nil as String?)
            w.field("locality", city.locality)
            w.field("region", city.region)
            w.field("zip_code", city.postal)
            w.field("zip_four", nil as String?)
            w.field("country_code", city.country)
            w.endObject()
        } else {
            w.null()
        }
        w.field("email_address", rng.chance(0.7) ? "info@company\(index + 1).example.com" : nil)
        w.field("email_opted_in", rng.chance(0.5))
        w.field("email_status", rng.pick(SamplePools.emailStatuses))
        w.key("phone_number")
        w.beginObject()
        w.field("number", "(\(rng.int(in: 200...989))) 555-\(1000 + rng.int(9000))")
        w.field("extension", "")
        w.field("type", static: "Work")
        w.endObject()
        w.field("website", rng.chance(0.6) ? "https://company\(index + 1).example.com" : nil)
        if optional.contains("notes") { w.field("notes", rng.pick(SamplePools.noteBodies)) }
        if optional.contains("fax_number") { w.nullField("fax_number") }
        if optional.contains("custom_fields") {
            w.key("custom_fields")
            w.beginArray()
            for definition in ModelDefinitions.companyFields { definition.writeValue(&rng, into: &w) }
            w.endArray()
        }
        w.endObject()
    }

    func writeOpportunity(_ index: Int, optional: OptionalProperties, into w: inout JSONWriter) {
        var rng = random(.opportunity, index)
        let seededTimes = createdAndUpdated(&rng)
        let times = stamped(.opportunities, index, created: seededTimes.created, updated: seededTimes.updated)
        let (created, updated) = (times.created, times.updated)
        let stageIndex = rng.int(SamplePools.stageNames.count)
        let user = userIdentity(rng.int(sizes.users))
        let low = rng.int(1_000_000)
        w.beginObject()
        w.field("id", index + 1)
        let title = "\(rng.pick(SamplePools.productNames)) for \(companyName(rng.int(sizes.companies)))"
        w.field("opportunity_title", revisedText(title, times.revision))
        w.key("contact")
        writeContactSummary(randomContactIndex(&rng), includeCompany: true, includePhone: true, into: &w)
        w.key("user")
        w.beginObject()
        w.field("id", user.id)
        w.field("first_name", user.givenName)
        w.field("last_name", user.familyName)
        w.endObject()
        w.key("stage")
        w.beginObject()
        w.field("id", stageIndex + 1)
        w.field("name", SamplePools.stageNames[stageIndex])
        w.emptyArrayField("reasons")
        w.key("details")
        w.beginObject()
        w.field("probability", stageIndex * 20)
        w.field("stage_order", stageIndex + 1)
        w.field("target_num_days", 7 * (stageIndex + 1))
        w.emptyArrayField("check_list_items")
        w.endObject()
        w.endObject()
        w.field("date_created", timestamp: created)
        w.field("last_updated", timestamp: updated)
        w.field("estimated_close_date", timestamp: rng.chance(0.7) ? updated + rng.int(90 * 86_400) : nil)
        w.field("next_action_date", timestamp: rng.chance(0.4) ? updated + rng.int(14 * 86_400) : nil)
        w.field("next_action_notes", rng.chance(0.4) ? rng.pick(SamplePools.noteBodies) : nil)
        w.field("opportunity_notes", rng.chance(0.5) ? rng.pick(SamplePools.noteBodies) : nil)
        w.field("projected_revenue_low", cents: low)
        w.field("projected_revenue_high", cents: low + rng.int(500_000))
        w.field("include_in_forecast", rng.int(2))
        w.field("affiliate_id", rng.chance(0.2) ? rng.int(sizes.affiliates) + 1 : nil)
        if optional.contains("custom_fields") {
            w.key("custom_fields")
            w.beginArray()
            for definition in ModelDefinitions.opportunityFields { definition.writeValue(&rng, into: &w) }
            w.endArray()
        }
        w.endObject()
    }

    /// The name and category of tag `index` (ids are index + 1).
    func tagFacts(_ index: Int) -> (name: String, description: String?, category: (id: Int, name: String)?) {
        var rng = random(.tag, index)
        let base = rng.pick(SamplePools.tagNames)
        let name = index < SamplePools.tagNames.count ? SamplePools.tagNames[index] : "\(base) \(index + 1)"
        let description: String? = rng.chance(0.3) ? "Applied by campaign \(rng.int(sizes.campaigns) + 1)" : nil
        let category = rng.chance(0.8) ? rng.pick(SamplePools.tagCategories) : nil
        return (name, description, category)
    }

    func writeTag(_ index: Int, into w: inout JSONWriter) {
        let tag = tagFacts(index)
        w.beginObject()
        w.field("id", index + 1)
        w.field("name", tag.name)
        w.field("description", tag.description)
        w.key("category")
        if let category = tag.category {
            w.beginObject()
            w.field("id", category.id)
            w.field("name", category.name)
            w.field("description", nil as String?)
            w.endObject()
        } else {
            w.null()
        }
        w.endObject()
    }

    /// The facts of task `index` that filters need, drawn exactly as ``writeTask`` draws them;
    /// `rng` continues where the facts stop.
    struct TaskFacts {
        var rng: DeterministicRandom
        let created: Int
        let updated: Int
        let completed: Bool
        let title: String
        let description: String?
        let contactIndex: Int
    }

    func taskFacts(_ index: Int) -> TaskFacts {
        var rng = random(.task, index)
        let seededTimes = createdAndUpdated(&rng)
        let times = stamped(.tasks, index, created: seededTimes.created, updated: seededTimes.updated)
        let (created, updated) = (times.created, times.updated)
        let completed = rng.chance(0.4)
        let title = revisedText(rng.pick(SamplePools.taskTitles), times.revision)
        let description: String? = rng.chance(0.6) ? rng.pick(SamplePools.noteBodies) : nil
        let contactIndex = randomContactIndex(&rng)
        return TaskFacts(rng: rng, created: created, updated: updated, completed: completed, title: title,
                         description: description, contactIndex: contactIndex)
    }

    func writeTask(_ index: Int, into w: inout JSONWriter) {
        var facts = taskFacts(index)
        let created = facts.created
        w.beginObject()
        w.field("id", index + 1)
        w.field("title", facts.title)
        w.field("description", facts.description)
        w.field("completed", facts.completed)
        w.field("completion_date", timestamp: facts.completed ? facts.updated : nil)
        w.key("contact")
        w.beginObject()
        let person = contactIdentity(facts.contactIndex)
        w.field("id", person.id)
        w.field("email", person.emails.first)
        w.field("first_name", person.givenName)
        w.field("last_name", person.familyName)
        w.endObject()
        w.field("creation_date", timestamp: created)
        w.field("modification_date", timestamp: facts.updated)
        w.field("due_date", timestamp: facts.rng.chance(0.7) ? created + facts.rng.int(30 * 86_400) : nil)
        w.field("priority", facts.rng.int(in: 1...3))
        w.field("remind_time", facts.rng.chance(0.3) ? 15 : nil)
        w.field("type", facts.rng.chance(0.5) ? "Call" : "Email")
        w.field("url", nil as String?)
        w.field("user_id", randomUserID(&facts.rng))
        w.field("funnel_id", nil as Int?)
        w.field("jgraph_id", nil as Int?)
        w.endObject()
    }

    /// The facts of note `index`, drawn exactly as ``writeNote`` draws them.
    struct NoteFacts {
        let created: Int
        let updated: Int
        let userIndex: Int
        let title: String?
        let body: String
        let type: String
        let contactIndex: Int
    }

    func noteFacts(_ index: Int) -> NoteFacts {
        var rng = random(.note, index)
        let seededTimes = createdAndUpdated(&rng)
        let times = stamped(.notes, index, created: seededTimes.created, updated: seededTimes.updated)
        let (created, updated) = (times.created, times.updated)
        let userIndex = rng.int(sizes.users)
        var title: String? = rng.chance(0.8) ? rng.pick(SamplePools.taskTitles) : nil
        if times.revision > 0 { title = revisedText(title ?? "Note", times.revision) }
        let body = rng.pick(SamplePools.noteBodies)
        let type = rng.pick(SamplePools.noteTypes)
        let contactIndex = randomContactIndex(&rng)
        return NoteFacts(created: created, updated: updated, userIndex: userIndex, title: title, body: body,
                         type: type, contactIndex: contactIndex)
    }

    func writeNote(_ index: Int, into w: inout JSONWriter) {
        let facts = noteFacts(index)
        let user = userIdentity(facts.userIndex)
        w.beginObject()
        w.field("id", index + 1)
        w.field("title", facts.title)
        w.field("body", facts.body)
        w.field("type", facts.type)
        w.field("contact_id", facts.contactIndex + 1)
        w.field("user_id", user.id)
        w.field("date_created", timestamp: facts.created)
        w.field("last_updated", timestamp: facts.updated)
        w.key("last_updated_by")
        w.beginObject()
        w.field("user_id", user.id)
        w.field("given_name", user.givenName)
        w.field("family_name", user.familyName)
        w.endObject()
        w.endObject()
    }

    func writeUser(_ index: Int, into w: inout JSONWriter) {
        let user = userIdentity(index)
        var rng = random(.user, index &+ 7_777_777)
        let (created, updated) = createdAndUpdated(&rng)
        w.beginObject()
        w.field("id", user.id)
        w.field("given_name", user.givenName)
        w.field("family_name", user.familyName)
        w.field("middle_name", nil as String?)
        w.field("preferred_name", nil as String?)
        w.field("email_address", user.email)
        w.field("company_name", "Sandbox Demo Co.")
        w.field("job_title", rng.pick(SamplePools.jobTitles))
        w.field("global_user_id", 900_000 + user.id)
        w.field("infusionsoft_id", user.email)
        w.field("partner", index % 7 == 6)
        w.field("status", index % 9 == 8 ? "Inactive" : "Active")
        w.field("time_zone", "America/Phoenix")
        w.field("website", nil as String?)
        w.field("created_by", 1)
        w.field("last_updated_by", 1)
        w.field("date_created", timestamp: created)
        w.field("last_updated", timestamp: updated)
        w.key("address")
        w.null()
        w.emptyArrayField("phone_numbers")
        w.emptyArrayField("fax_numbers")
        w.endObject()
    }

    /// The facts of appointment `index`, drawn exactly as ``writeAppointment`` draws them;
    /// `rng` continues where the facts stop.
    struct AppointmentFacts {
        var rng: DeterministicRandom
        let start: Int
        let end: Int
        let title: String
        let description: String?
        let location: String?
        let remindTime: Int?
        let contactIndex: Int
    }

    func appointmentFacts(_ index: Int) -> AppointmentFacts {
        var rng = random(.appointment, index)
        let start = Self.epochBase + rng.int(Self.timeSpan) / 900 * 900
        let title = rng.pick(SamplePools.appointmentTitles)
        let description: String? = rng.chance(0.5) ? rng.pick(SamplePools.noteBodies) : nil
        let location: String? = rng.chance(0.5) ? rng.pick(SamplePools.cities).locality : nil
        let end = start + 1800 * rng.int(in: 1...4)
        let remind: Int? = rng.chance(0.5) ? 15 : nil
        let contactIndex = randomContactIndex(&rng)
        return AppointmentFacts(rng: rng, start: start, end: end, title: title, description: description,
                                location: location, remindTime: remind, contactIndex: contactIndex)
    }

    func writeAppointment(_ index: Int, into w: inout JSONWriter) {
        var facts = appointmentFacts(index)
        w.beginObject()
        w.field("id", index + 1)
        w.field("title", facts.title)
        w.field("description", facts.description)
        w.field("location", facts.location)
        w.field("start_date", timestamp: facts.start)
        w.field("end_date", timestamp: facts.end)
        w.field("remind_time", facts.remindTime)
        w.field("contact_id", facts.contactIndex + 1)
        w.field("user", randomUserID(&facts.rng))
        w.endObject()
    }

    func writeAffiliate(_ index: Int, into w: inout JSONWriter) {
        var rng = random(.affiliate, index)
        let person = contactIdentity(randomContactIndex(&rng))
        w.beginObject()
        w.field("id", index + 1)
        w.field("code", "AFF\(1000 + index)")
        w.field("contact_id", person.id)
        w.field("name", "\(person.givenName) \(person.familyName)")
        w.field("notify_on_lead", rng.chance(0.5))
        w.field("notify_on_sale", rng.chance(0.5))
        w.field("parent_id", index > 0 && rng.chance(0.3) ? rng.int(index) + 1 : 0)
        w.field("status", rng.chance(0.9) ? "active" : "inactive")
        w.field("track_leads_for", rng.pick([0, 30, 90, 365]))
        w.endObject()
    }
}
