import Alerts
import Testing

@Suite struct TransportContractTests {
    @Test("a composed message lists its envelope recipients as given")
    func envelope() {
        let message = ComposedMessage(
            bytes: Array("Subject: x\r\n\r\nbody\r\n".utf8), envelopeFrom: "baton@example.com",
            recipients: ["mia@example.com", "ann@example.com"], messageID: "a@example.com")
        #expect(message.recipients == ["mia@example.com", "ann@example.com"])
        #expect(message.bytes.count == 20)
    }
}
