import Testing

@testable import WolkvoxETL

struct PipelineEnvironmentTests {
    @Test(arguments: [
        ("${A}", "alpha"),
        ("x-${A}-${B}", "x-alpha-beta"),
        ("${MISSING:-fallback}", "fallback"),
        ("${EMPTY:-fallback}", "fallback"),
        ("${A:-fallback}", "alpha"),
        ("${MISSING:-}", ""),
        ("cost $5", "cost $5"),
        ("$${A}", "${A}"),
        ("no variables", "no variables"),
    ])
    func substitutesVariables(text: String, expected: String) throws {
        let env = ["A": "alpha", "B": "beta", "EMPTY": ""]
        #expect(try EnvironmentSubstitution.substitute(text, environment: env) == expected)
    }

    @Test func unsetVariableNamesTheVariable() {
        #expect(throws: EnvironmentSubstitution.Failure.unset("NOPE")) {
            try EnvironmentSubstitution.substitute("${NOPE}", environment: [:])
        }
    }

    @Test(arguments: ["${A", "${1A}", "${A-B}", "${}"])
    func malformedReferenceIsAnError(text: String) {
        #expect(throws: EnvironmentSubstitution.Failure.self) {
            try EnvironmentSubstitution.substitute(text, environment: ["A": "x"])
        }
    }

    @Test func unsetVariableInAPipelineNamesVariableAndKey() {
        let problems = PipelineFixtures.problems(PipelineFixtures.yaml(), environment: [:])
        #expect(
            problems == [
                "pipeline.yaml:6:10: source.token: environment variable WOLKVOX_TOKEN is not set; export it, or write ${WOLKVOX_TOKEN:-default}"
            ])
    }

    @Test func substitutedValueIsValidatedLikeAWrittenOne() {
        let yaml = PipelineFixtures.yaml(source: ["concurrency: ${CONC}"])
        var env = PipelineFixtures.environment
        env["CONC"] = "5"
        #expect(
            PipelineFixtures.problems(yaml, environment: env) == [
                "pipeline.yaml:9:16: source.concurrency: must be 1 or 2 (at most 2 requests at once per token), got 5"
            ])
    }

    @Test func variableValueCannotChangeTheFileStructure() throws {
        var env = PipelineFixtures.environment
        env["ROOT"] = "x\nformat: csv"
        let p = try PipelineFixtures.parse(PipelineFixtures.yaml(load: ["root: ${ROOT}"]), environment: env)
        #expect(p.load.root == "x\nformat: csv")
        #expect(p.load.formats == [.ndjson])
    }
}
