import BatonCore
import Foundation
import Testing

@testable import CRM

@Suite struct DealColumnsTests {
    static func reader(preset: String = "baton", crmExtra: String = "") throws -> CRMImportReader {
        CRMImportReader(config: try CRMImportReaderTests.config(preset: preset, crmExtra: crmExtra))
    }

    static func time(_ s: String) -> Int64 { Timestamp.parseInstant(s)! }

    @Test("Baton's own deal columns: the amount in minor units of its currency, closed_at read like created_at")
    func batonColumns() throws {
        let csv = """
            external_id,email,stage,created_at,amount,currency,closed_at,rejection_reason
            L1,dana@acme.com,won,2026-11-02,12500.5,eur,2026-11-30 17:00,
            L2,erik@northwind.io,rejected,2026-11-03,,,2026-11-20,No budget this year
            L3,kenji@tokyo.example.jp,opportunity,,1500, JPY ,,
            L4,omar@gulf.example.com,opportunity,,0.125,KWD,,
            """
        let parsed = try Self.reader().leads(Array(csv.utf8), file: "leads.csv")
        #expect(parsed.rejected == [])
        #expect(
            parsed.records.map(\.amount) == [
                Money(minor: 1_250_050, currency: "EUR"), nil, Money(minor: 1500, currency: "JPY"),
                Money(minor: 125, currency: "KWD"),
            ])
        #expect(
            parsed.records.map(\.closedAt) == [
                Self.time("2026-11-30T17:00:00Z"), Self.time("2026-11-20T00:00:00Z"), nil, nil,
            ])
        #expect(parsed.records.map(\.rejectionReason) == [nil, "No budget this year", nil, nil])
    }

    @Test("an amount whose row names no currency is in reports.currency when it is set; a named one stands")
    func defaultCurrency() throws {
        var config = try CRMImportReaderTests.config()
        config.reports.currency = "GBP"
        let csv = """
            email,amount,currency
            a@acme.com,8000,
            b@acme.com,12500.5,EUR
            c@acme.com,,
            d@acme.com,1.234,
            """
        let parsed = try CRMImportReader(config: config).leads(Array(csv.utf8), file: "leads.csv")
        #expect(parsed.rejected == [RowProblem(line: 5, reason: "amount: '1.234' has more decimals than GBP's 2")])
        #expect(
            parsed.records.map(\.amount) == [
                Money(minor: 800_000, currency: "GBP"), Money(minor: 1_250_050, currency: "EUR"), nil,
            ])
    }

    @Test("bad deal values reject the row with its line and reason; the good rows are read")
    func badDealValues() throws {
        let csv = """
            email,created_at,amount,currency,closed_at
            a@acme.com,2026-11-02,"12,5O0",EUR,
            b@acme.com,2026-11-02,12500,EURO,
            c@acme.com,2026-11-10,100,GBP,2026-11-09 23:59
            d@acme.com,,-250.00,USD,
            e@acme.com,,12500,,
            f@acme.com,,12.345,EUR,
            g@acme.com,,1500.5,JPY,
            h@acme.com,,,XYZ,
            good@acme.com,2026-11-02,9999999.99,usd,2026-11-02
            """
        let parsed = try Self.reader().leads(Array(csv.utf8), file: "leads.csv")
        #expect(
            parsed.rejected == [
                RowProblem(
                    line: 2,
                    reason:
                        "amount: '12,5O0' is not a number (digits with '.' as the decimal separator, no thousands separators)"
                ),
                RowProblem(line: 3, reason: "currency: 'EURO' is not an ISO 4217 currency code"),
                RowProblem(line: 4, reason: "closed_at '2026-11-09 23:59' is before created_at '2026-11-10'"),
                RowProblem(line: 5, reason: "amount: '-250.00' is negative (a deal value is zero or more)"),
                RowProblem(
                    line: 6,
                    reason:
                        "amount: '12500' has no currency (the currency column is empty or absent, and reports.currency is not set; add the column, map it with crm.columns, or set reports.currency)"
                ),
                RowProblem(line: 7, reason: "amount: '12.345' has more decimals than EUR's 2"),
                RowProblem(line: 8, reason: "amount: '1500.5' has more decimals than JPY's 0"),
                RowProblem(line: 9, reason: "currency: 'XYZ' is not an ISO 4217 currency code"),
            ])
        #expect(parsed.records.map(\.addresses) == [["good@acme.com"]])
        #expect(parsed.records.map(\.amount) == [Money(minor: 999_999_999, currency: "USD")])
        #expect(parsed.records.map(\.line) == [10])
    }

    @Test(
        "HubSpot's deal properties map by label and by internal name",
        arguments: [
            "Record ID,Email,Create Date,Amount,Currency,Close Date,Lead Status",
            "Record ID,Email,Create Date,amount,deal_currency_code,closedate,hs_lead_status",
            "Record ID,Email,Create Date,Recent Deal Amount,Currency,Recent Deal Close Date,Lead Status",
        ])
    func hubspot(header: String) throws {
        let csv = "\(header)\n901,erik@northwind.io,2026-11-02 09:00,48000.00,EUR,2026-12-01 10:30,Bad Timing\n"
        let parsed = try Self.reader(preset: "hubspot").leads(Array(csv.utf8), file: "x.csv")
        #expect(parsed.rejected == [])
        #expect(
            parsed.records == [
                LeadRecord(
                    line: 2, externalID: "901", addresses: ["erik@northwind.io"], companyDomain: "northwind.io",
                    createdAt: Self.time("2026-11-02T09:00:00Z"), amount: Money(minor: 4_800_000, currency: "EUR"),
                    closedAt: Self.time("2026-12-01T10:30:00Z"), rejectionReason: "Bad Timing")
            ])
    }

    @Test(
        "Salesforce's Amount, Close Date and record currency map by label and by API name",
        arguments: [
            "Lead ID,Email,Create Date,Amount,Lead Currency,Close Date",
            "Lead ID,Email,Create Date,Amount,CurrencyIsoCode,CloseDate",
            "Lead ID,Email,Create Date,Amount,Opportunity Currency,Close Date",
        ])
    func salesforce(header: String) throws {
        let csv = "\(header)\n00Q5e00000AbCdE,gus@initech.example.net,2026-11-02,7250.5,GBP,2026-11-27\n"
        let parsed = try Self.reader(preset: "salesforce").leads(Array(csv.utf8), file: "x.csv")
        #expect(parsed.rejected == [])
        #expect(
            parsed.records == [
                LeadRecord(
                    line: 2, externalID: "00Q5e00000AbCdE", addresses: ["gus@initech.example.net"],
                    companyDomain: "initech.example.net", createdAt: Self.time("2026-11-02T00:00:00Z"),
                    amount: Money(minor: 725_050, currency: "GBP"), closedAt: Self.time("2026-11-27T00:00:00Z"))
            ])
    }

    @Test("crm.columns maps the deal columns like the others: an org's own reason field, a renamed amount")
    func overrides() throws {
        let extra = #", "columns": {"amount": "Deal Value", "rejection_reason": "Unqualified Reason"}"#
        let csv = """
            Lead ID,Email,Deal Value,Lead Currency,Lead Status,Unqualified Reason
            00Q1,ivan@umbrella-corp.net,300.00,USD,Closed - Not Converted,"Competitor, renewed for 2 years"
            """
        let parsed = try Self.reader(preset: "salesforce", crmExtra: extra).leads(Array(csv.utf8), file: "x.csv")
        #expect(parsed.rejected == [])
        #expect(parsed.records.map(\.stage) == [.rejected])
        #expect(parsed.records.map(\.amount) == [Money(minor: 30_000, currency: "USD")])
        #expect(parsed.records.map(\.rejectionReason) == ["Competitor, renewed for 2 years"])
    }
}
