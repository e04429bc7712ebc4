import Testing

@testable import WolkvoxETL

/// `load.root: s3://BUCKET/PREFIX` and `load.s3`.
struct PipelineS3Tests {
    static var environment: [String: String] {
        PipelineFixtures.environment.merging(["LAKE_KEY": "AKIALAKE", "LAKE_SECRET": "lake-s3cr3t-value"]) { $1 }
    }

    @Test func bucketRootWithSettingsIsRead() throws {
        let p = try PipelineFixtures.parse(PipelineFixtures.yaml(load: [
            "root: s3://lake/raw/wolkvox", "s3:", "  endpoint: http://127.0.0.1:9000", "  region: eu-west-1", "  path_style: true",
            "  access_key_id: ${LAKE_KEY}", "  secret_access_key: ${LAKE_SECRET}",
        ]), environment: Self.environment)
        #expect(p.load.target == .bucket(name: "lake", prefix: "raw/wolkvox/"))
        let s3 = try #require(p.load.s3)
        #expect(s3.endpoint == "http://127.0.0.1:9000")
        #expect(s3.region == "eu-west-1")
        #expect(s3.pathStyle)
        #expect(s3.accessKeyID == "AKIALAKE")
        var dumped = ""
        dump(p, to: &dumped)
        for text in [dumped, "\(s3)", String(reflecting: s3), "\(p)"] { #expect(!text.contains("lake-s3cr3t-value")) }
    }

    @Test func bucketRootWithoutSettingsDefaultsToAWS() throws {
        let p = try PipelineFixtures.parse(PipelineFixtures.yaml(load: ["root: s3://lake"]))
        #expect(p.load.target == .bucket(name: "lake", prefix: ""))
        #expect(p.load.s3?.endpoint == "https://s3.us-east-1.amazonaws.com")
        #expect(p.load.s3?.pathStyle == false)
    }

    @Test func folderRootIsADirectoryTarget() throws {
        let p = try PipelineFixtures.parse(PipelineFixtures.yaml(load: ["root: out"]))
        #expect(p.load.target == .directory("out"))
        #expect(p.load.s3 == nil)
    }

    @Test(arguments: [
        (["root: out", "s3:", "  region: eu-west-1"], "load.s3"),
        (["root: s3://Bad_Bucket/x"], "does not name a bucket"),
        (["root: s3:///x"], "does not name a bucket"),
        (["root: s3://lake", "s3:", "  endpoint: s3.amazonaws.com"], "http(s) URL"),
        (["root: s3://lake", "s3:", "  path_style: maybe"], "true or false"),
        (["root: s3://lake", "s3:", "  access_key_id: ${LAKE_KEY}"], "both access_key_id and secret_access_key"),
        (["root: s3://lake", "s3:", "  secret: x"], "secret"),
    ])
    func badSettingsAreNamed(load: [String], expected: String) {
        let problems = PipelineFixtures.problems(PipelineFixtures.yaml(load: load), environment: Self.environment)
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
        #expect(!problems.joined().contains("lake-s3cr3t-value"))
    }

    @Test func credentialsComeFromSettingsThenEnvironmentThenFile() throws {
        let settings = Pipeline.S3Settings(accessKeyID: "A", secretAccessKey: "B")
        #expect(try settings.credentials(environment: ["AWS_ACCESS_KEY_ID": "E", "AWS_SECRET_ACCESS_KEY": "F"], credentialsFile: nil).accessKeyID == "A")
        let bare = Pipeline.S3Settings()
        #expect(try bare.credentials(environment: ["AWS_ACCESS_KEY_ID": "E", "AWS_SECRET_ACCESS_KEY": "F"], credentialsFile: nil).accessKeyID == "E")
        #expect(try bare.credentials(environment: [:], credentialsFile: "[default]\naws_access_key_id=G\naws_secret_access_key=H\n").accessKeyID == "G")
        #expect(throws: ETLError.self) { try bare.credentials(environment: [:], credentialsFile: nil) }
    }

    @Test func generationNamesStayDataFileNames() {
        #expect(S3DayLanding.name("part-00000.ndjson.gz", generation: "ab12") == "part-00000-ab12.ndjson.gz")
        #expect(S3DayLanding.name("part-00003.csv", generation: "ab12") == "part-00003-ab12.csv")
    }
}
