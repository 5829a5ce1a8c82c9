import Foundation
import Testing
@testable import TramaIngest

/// Spellings taken from the samples in `../shared/data` (Paraguay DNCP, Colombia SECOP, Mexico
/// CDMX and Jalisco, BODS registers); check digits worked out by the registries' published
/// algorithms, not by this code.
@Suite("Organisation identifiers: one key per firm, whatever the spelling")
struct OrganizationIdentifierTests {
    func key(_ scheme: String?, _ id: String?, country: String? = nil) -> String? {
        OrganizationIdentifier(scheme: scheme, id: id, country: country)?.key
    }

    @Test func paraguayRUCWithAndWithoutItsCheckDigitIsOneKey() {
        let dncp = "Registro Único de Contribuyente emitido por el Ministerio de Hacienda del Gobierno de Paraguay"
        #expect(key(dncp, "80002379-0") == "PY-RUC-80002379")
        #expect(key("PY-RUC", "80.002.379-0") == "PY-RUC-80002379")
        #expect(key("py-ruc", "80002379") == "PY-RUC-80002379")
        #expect(key("RUC", "754010-8", country: "Paraguay") == "PY-RUC-754010")
        #expect(OrganizationIdentifier(scheme: "PY-RUC", id: "80002379-0")?.problem == nil)
        #expect(OrganizationIdentifier(scheme: "PY-RUC", id: "80002379-4")?.problem?.contains("check digit is 4") == true)
    }

    @Test func colombianNITIsReadAsColombiasOnlyForColombianParties() {
        #expect(key("NIT", "800.101.684-3", country: "Colombia") == "CO-NIT-800101684")
        // Written without the dash: 10 digits whose last is the check digit of the first 9.
        #expect(key("Nit de Persona Jurídica", "8001865857") == "CO-NIT-800186585")
        #expect(key("Nit de Persona Jur\u{FFFD}dica", "800215807") == "CO-NIT-800215807")
        #expect(key("Nit de Persona Natural", "1012362575-0") == "CO-NIT-1012362575")
        // "NIT" is also Guatemala's and Bolivia's: without a country it stays as published.
        #expect(key("NIT", "800095589-5") == "NIT-8000955895")
        #expect(key("NIT", "800095589-5", country: "GT") == "NIT-8000955895")
    }

    @Test func citizenCardsLoseTheirDotsAndPlaceOfIssue() {
        #expect(key("Cédula de Ciudadanía", "17.050.415 de Bogotá") == "CO-CC-17050415")
        #expect(key("C\u{FFFD}dula de Ciudadan\u{FFFD}a", "17050415") == "CO-CC-17050415")
        #expect(key("CEDULA DE CIUDADANIA", "17050415") == "CO-CC-17050415")
    }

    @Test func mexicanRFCIsCheckedForShape() {
        #expect(key("RFC", "act-050330-c61") == "MX-RFC-ACT050330C61")
        #expect(key("MX-RFC", "GFM010122DZ9") == "MX-RFC-GFM010122DZ9")
        #expect(OrganizationIdentifier(scheme: "MX-RFC", id: "GFM010122DZ9")?.problem == nil)
        // CDMX publishes a hash where an RFC was withheld: kept, and marked.
        let hashed = OrganizationIdentifier(scheme: "MX-RFC", id: "95F5D7F5DD77D73E3232026B4732232A")
        #expect(hashed?.key == "MX-RFC-95F5D7F5DD77D73E3232026B4732232A" && hashed?.problem != nil)
    }

    @Test func companiesHouseNumbersGetTheirLeadingZerosBack() {
        #expect(key("GB-COH", "1234567") == "GB-COH-01234567")
        #expect(key("GB-COH", "GB-COH-01234567") == "GB-COH-01234567")
        #expect(key("gb-coh", "SC 12345") == "GB-COH-SC012345")
        #expect(OrganizationIdentifier(scheme: "GB-COH", id: "123456789")?.problem != nil)
    }

    @Test func leisAreCheckedModulo97() {
        #expect(key("LEI", "5493001kjtiigc8y1r12") == "XI-LEI-5493001KJTIIGC8Y1R12")
        #expect(OrganizationIdentifier(scheme: "XI-LEI", id: "5493001KJTIIGC8Y1R12")?.problem == nil)
        #expect(OrganizationIdentifier(scheme: "XI-LEI", id: "5493001KJTIIGC8Y1R13")?.problem?.contains("check digits") == true)
    }

    @Test func otherSchemesAreUpperCasedWithPunctuationRemoved() {
        #expect(key("ngA-brbda", " 02-143.276 ") == "NGA-BRBDA-02143276")
        #expect(key("DK Centrale Virksomhedsregister", "4000185461") == "DK-CVR-4000185461")
        #expect(key(nil, "ab-12") == "AB12")
        #expect(key("GB-COH", "  ") == nil)
        #expect(key(nil, nil) == nil)
    }

    @Test func theSameFirmFromOCDSBODSAndFollowTheMoneyIsOneEntity() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("trama-ids-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ name: String, _ text: String) throws -> URL {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url
        }
        let ocds = try write("p.jsonl", #"{"ocid":"ocds-x-1","parties":[{"id":"p1","name":"Acme Ltd","roles":["tenderer"],"identifier":{"scheme":"GB-COH","id":"1234567"}}],"tender":{"id":"t","tenderers":[{"id":"p1"}]}}"#)
        let bods = try write("b.jsonl", #"{"statementID":"s1","statementType":"entityStatement","name":"ACME LIMITED","identifiers":[{"scheme":"GB-COH","id":"01234567"}]}"#)
        let ftm = try write("f.jsonl", #"{"id":"c1","schema":"Company","properties":{"name":["Acme Limited"],"jurisdiction":["gb"],"registrationNumber":["01234567"]}}"#)
        var a = MemorySink(), b = MemorySink(), c = MemorySink()
        _ = try OCDSReader(files: [ocds]).read(into: &a)
        _ = try BODSReader(files: [bods]).read(into: &b)
        _ = try FtMReader(files: [ftm]).read(into: &c)
        let acme = EntityRef(.firm, "GB-COH-01234567")
        #expect(a.nodes.contains { $0.entity == acme })
        #expect(b.nodes.contains { $0.entity == acme })
        #expect(c.nodes.contains { $0.entity == acme })
    }
}
