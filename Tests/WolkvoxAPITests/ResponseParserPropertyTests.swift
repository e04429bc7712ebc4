import Testing
import WolkvoxAPI
import WolkvoxMock

/// The streaming parser against random bodies, random chunkings, truncation and damage.
///
/// Every case has its own seed, printed when it fails; `PARSER_FUZZ_SEED=<hex> swift test
/// --filter ResponseParserPropertyTests` replays just that case, and `PARSER_FUZZ_CASES=<n>`
/// runs more of them.
struct ResponseParserPropertyTests {
    @Test func validBodiesGiveTheirRecordsWhateverTheChunkingAndAgreeWithFoundation() {
        for seed in FuzzSeeds.cases(1500, salt: 1) {
            var generator = ResponseGenerator(seed: seed)
            let response = generator.response()
            var rng = generator.rng
            let whole = ParserOutcome(response.body)
            guard let parsed = whole.parsed else {
                return fail(seed, response.body, "valid body rejected: \(whole)")
            }
            if let why = Self.difference(parsed, response) { return fail(seed, response.body, why) }
            var chunkings = [("1-byte chunks", ParserOutcome.byteByByte(response.body))]
            for _ in 0..<3 {
                let cuts = rng.cuts(count: response.body.count)
                chunkings.append(("chunks cut at \(cuts)", ParserOutcome(response.body, cuts: cuts)))
            }
            for (name, outcome) in chunkings where !outcome.sameResult(as: whole) {
                return fail(seed, response.body, "\(name) gave \(outcome), whole gave \(whole)")
            }
            guard case .success(let reference) = FoundationAgreement.read(response.body) else {
                return fail(seed, response.body, "generator bug: Foundation rejects the body")
            }
            if let why = FoundationAgreement.mismatch(parsed, reference) {
                return fail(seed, response.body, "disagrees with Foundation: \(why)")
            }
        }
    }

    @Test func bodyCutAtEveryByteThrowsAndEmitsOnlyWholeRecordsOfTheOriginal() {
        for seed in FuzzSeeds.cases(60, salt: 2) {
            let response = Self.smallResponse(seed: seed, limit: 700)
            var rng = SeededGenerator(seed: seed ^ 0xC075)
            let body = response.body
            let end = (body.lastIndex(of: UInt8(ascii: "}")) ?? body.count) + 1
            for cut in 0...body.count {
                let prefix = Array(body[..<cut])
                for outcome in [ParserOutcome(prefix), ParserOutcome(prefix, cuts: rng.cuts(count: cut))] {
                    guard outcome.records == Array(response.records.prefix(outcome.records.count)) else {
                        return fail(seed, body, "cut at \(cut): emitted records that are not the body's first ones")
                    }
                    if cut >= end {
                        guard outcome.envelope == response.envelope, outcome.records == response.records else {
                            return fail(seed, body, "cut at \(cut) (after the closing brace): \(outcome)")
                        }
                    } else {
                        guard let error = outcome.error, error.kind == .truncated,
                            error.recordsBefore == outcome.records.count
                        else {
                            return fail(seed, body, "cut at \(cut): expected a truncation error, got \(outcome)")
                        }
                    }
                }
            }
        }
    }

    @Test func damagedBodiesThrowOrAgreeWithFoundation() {
        for seed in FuzzSeeds.cases(6000, salt: 3) {
            var mutator = BodyMutator(rng: SeededGenerator(seed: seed ^ 0xBAD))
            let body = mutator.mutate(Self.smallResponse(seed: seed, limit: 400).body)
            if let why = Self.checkArbitrary(body, rng: &mutator.rng) { return fail(seed, body, why) }
        }
    }

    @Test func randomGarbageNeverCrashesAndThrowsTheSameWhateverTheChunking() {
        for seed in FuzzSeeds.cases(6000, salt: 4) {
            var mutator = BodyMutator(rng: SeededGenerator(seed: seed))
            let body = mutator.garbage()
            if let why = Self.checkArbitrary(body, rng: &mutator.rng) { return fail(seed, body, why) }
        }
    }

    // MARK: - Helpers

    /// What must hold for any bytes: the chunking changes nothing, only `WolkvoxResponseError`
    /// is thrown, and an accepted body is one Foundation reads the same way.
    private static func checkArbitrary(_ body: [UInt8], rng: inout SeededGenerator) -> String? {
        let whole = ParserOutcome(body)
        if let foreign = whole.foreignError { return "threw a foreign error: \(foreign)" }
        if let error = whole.error, error.recordsBefore != whole.records.count {
            return "error says \(error.recordsBefore) records before, \(whole.records.count) were emitted"
        }
        let cuts = rng.cuts(count: body.count)
        for (name, outcome) in [("1-byte chunks", ParserOutcome.byteByByte(body)), ("chunks cut at \(cuts)", ParserOutcome(body, cuts: cuts))]
        where !outcome.sameResult(as: whole) {
            return "\(name) gave \(outcome), whole gave \(whole)"
        }
        guard let parsed = whole.parsed else { return nil }
        switch FoundationAgreement.read(body) {
        case .success(let reference):
            return FoundationAgreement.mismatch(parsed, reference).map { "disagrees with Foundation: \($0)" }
        case .failure(let refusal):
            if FoundationAgreement.parserMayBeLenient(body, refusal: refusal) { return nil }
            return "accepted a body Foundation rejects (\(refusal)): \(whole)"
        }
    }

    /// A small valid response (at most `limit` bytes), so per-byte loops stay quick.
    private static func smallResponse(seed: UInt64, limit: Int) -> GeneratedResponse {
        var generator = ResponseGenerator(seed: seed)
        generator.maxRecords = 3
        generator.maxFields = 3
        generator.maxStringLength = 5
        while true {
            let response = generator.response()
            if response.body.count <= limit { return response }
        }
    }

    /// Compares byte for byte: `String ==` would let canonically equivalent text pass.
    private static func difference(_ parsed: Parsed, _ expected: GeneratedResponse) -> String? {
        func same(_ a: String?, _ b: String?) -> Bool { a.map { Array($0.utf8) } == b.map { Array($0.utf8) } }
        let (got, want) = (parsed.envelope, expected.envelope)
        guard same(got.code, want.code), same(got.error, want.error), same(got.msg, want.msg),
            got.dataShape == want.dataShape, got.recordCount == want.recordCount
        else { return "envelope \(got), expected \(want)" }
        guard parsed.records.count == expected.records.count else {
            return "\(parsed.records.count) records, expected \(expected.records.count)"
        }
        for (k, (ours, theirs)) in zip(parsed.records, expected.records).enumerated() {
            let equal = ours.fields.count == theirs.fields.count
                && zip(ours.fields, theirs.fields).allSatisfy { same($0.name, $1.name) && same($0.value, $1.value) }
            if !equal { return "record \(k): \(ours.fields), expected \(theirs.fields)" }
        }
        return nil
    }
}

private func fail(_ seed: UInt64, _ body: [UInt8], _ why: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let text = String(decoding: body.prefix(600), as: UTF8.self)
    Issue.record(
        "seed \(String(seed, radix: 16)) (replay: PARSER_FUZZ_SEED=\(String(seed, radix: 16))): \(why)\nbody (\(body.count) bytes): \(text.debugDescription)",
        sourceLocation: sourceLocation)
}
