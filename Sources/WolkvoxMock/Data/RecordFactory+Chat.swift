import WolkvoxAPI

extension RecordFactory {
    /// chat_4, in catalog order. `close_date` is after `date_creation`, or blank while open.
    static func chat(_ time: LocalDateTime, _ rng: inout SeededGenerator, _ c: MockDatasetConfiguration) -> [String] {
        let channel = rng.pick(ValuePools.chatChannels)
        let email = channel == "email"
        let customer = email ? "cliente\(rng.digits(4))@correo.example.com" : ValuePools.telephone(&rng)
        let company = email ? "soporte@empresa.example.com" : "573001234567"
        let body = rng.chance(c.longChatBodyRate) ? ValuePools.longChatBody : rng.pick(ValuePools.chatBodies)
        let closeDate: String
        switch rng.below(20) {
        case 0, 1: closeDate = ""
        case 2: closeDate = " "
        default: closeDate = time.adding(seconds: rng.inRange(30...172_800)).description
        }
        let (code, description) = rng.pick(weighted: ValuePools.activityCodes)
        return [
            channel, rng.pick(ValuePools.agentNames), rng.pick(ValuePools.skills).0, "00" + rng.digits(8),
            rng.pick(ValuePools.subjects), customer, company, body, rng.pick(ValuePools.answers), time.description,
            closeDate, rng.pick(ValuePools.surveys), code, description, rng.pick(ValuePools.comments),
            rng.pick(ValuePools.attachments),
        ]
    }
}
