import Testing

@testable import WolkvoxETL

/// The token never appears in messages, descriptions or dumps.
struct PipelineSecretTests {
    static let token = PipelineFixtures.token

    @Test func descriptionsRedactTheToken() throws {
        let p = try PipelineFixtures.parse(PipelineFixtures.yaml())
        #expect(p.source.token == Self.token)
        var dumped = ""
        dump(p, to: &dumped)
        for text in [p.description, p.debugDescription, "\(p)", String(reflecting: p), "\(p.source)", dumped] {
            #expect(!text.contains(Self.token))
            #expect(text.contains("<redacted>"))
        }
    }

    @Test(arguments: [
        ["concurrency: ${WOLKVOX_TOKEN}"],
        ["timezone: ${WOLKVOX_TOKEN}"],
        ["timeout: ${WOLKVOX_TOKEN}"],
        ["from: ${WOLKVOX_TOKEN}"],
    ])
    func tokenUsedInAnotherKeyIsMaskedInMessages(source: [String]) {
        // The token goes in the source lines; a `from:` there replaces the fixture's own.
        let yaml = PipelineFixtures.yaml(from: source[0].hasPrefix("from") ? nil : "yesterday", source: source)
        let problems = PipelineFixtures.problems(yaml)
        #expect(!problems.isEmpty)
        for problem in problems {
            #expect(!problem.contains(Self.token))
        }
    }

    @Test func badTokenIsDescribedWithoutItsValue() {
        var env = PipelineFixtures.environment
        env["WOLKVOX_TOKEN"] = "abc def-secret"
        let problems = PipelineFixtures.problems(PipelineFixtures.yaml(), environment: env)
        #expect(problems.count == 1)
        #expect(!(problems.first ?? "").contains("secret"))
    }
}
