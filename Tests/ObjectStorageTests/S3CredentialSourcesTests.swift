import ObjectStorage
import Testing

struct S3CredentialSourcesTests {
    let file = """
        [default]
        aws_access_key_id = DEFAULTID
        aws_secret_access_key = defaultsecret

        # a comment
        [lake]
        aws_access_key_id=LAKEID
        aws_secret_access_key=lake/secret
        aws_session_token = tok
        """

    @Test func explicitKeysComeFirst() throws {
        let explicit = S3Credentials(accessKeyID: "X", secretAccessKey: "Y")
        let found = try S3CredentialSources.resolve(
            explicit: explicit, environment: ["AWS_ACCESS_KEY_ID": "E", "AWS_SECRET_ACCESS_KEY": "F"], credentialsFile: file)
        #expect(found == explicit)
    }

    @Test func environmentComesBeforeTheFile() throws {
        let found = try S3CredentialSources.resolve(
            explicit: nil, environment: ["AWS_ACCESS_KEY_ID": "E", "AWS_SECRET_ACCESS_KEY": "F", "AWS_SESSION_TOKEN": "T"],
            credentialsFile: file)
        #expect(found == S3Credentials(accessKeyID: "E", secretAccessKey: "F", sessionToken: "T"))
    }

    @Test func fileProfileFollowsAWSProfile() throws {
        #expect(try S3CredentialSources.resolve(explicit: nil, environment: [:], credentialsFile: file)
            == S3Credentials(accessKeyID: "DEFAULTID", secretAccessKey: "defaultsecret"))
        #expect(try S3CredentialSources.resolve(explicit: nil, environment: ["AWS_PROFILE": "lake"], credentialsFile: file)
            == S3Credentials(accessKeyID: "LAKEID", secretAccessKey: "lake/secret", sessionToken: "tok"))
    }

    @Test func nothingFoundSaysWhereToPutThem() {
        let error = #expect(throws: S3CredentialSources.Missing.self) {
            try S3CredentialSources.resolve(explicit: nil, environment: ["AWS_PROFILE": "none"], credentialsFile: file)
        }
        #expect(error?.description.contains("AWS_ACCESS_KEY_ID") == true)
        #expect(error?.description.contains("[none]") == true)
    }
}
