// Auto-pagination against the in-process simulator: ListAll<T> enumerates every object, a page
// fetched as the enumeration goes; a page that is not a verified S throws, never ends the list.
using System.Collections.Generic;
using System.Linq;
using Antom;
using Antom.Models;
using Antom.Testing;

static partial class Tests
{
    const string Holds = "payments.reserve.inquireHoldList";

    [Test]
    static void ListAllEnumeratesEveryPage()
    {
        using (var sim = new Simulator())
        {
            for (int i = 0; i < 5; i++)
            {
                var hold = sim.Client.Call("payments.reserve.createHold", "{\"holdRequestId\":\"cs-page-" + i + "\",\"holdAmount\":{\"currency\":\"USD\",\"value\":\"100\"}}");
                Assert.True(hold.ResultStatus == ResultStatus.Success, hold.Raw);
            }
            var ids = sim.Client.ListAll<ReserveHoldDetail>(Holds, "{\"limit\":2}").Select(h => h.HoldId).ToList();
            Assert.Equal(5, ids.Distinct().Count(), "five holds");
            Assert.True(ids.SequenceEqual(ids.OrderBy(x => x, System.StringComparer.Ordinal)), "in order");
            var sizes = new List<int>();
            string page = null;
            do
            {
                var r = sim.Client.ListPage(Holds, "{\"limit\":2}", page);
                Assert.True(r.Verified, "verified");
                sizes.Add(System.Text.RegularExpressions.Regex.Matches(r.Raw, "\"holdId\"").Count);
                page = r.NextPage;
            }
            while (page != null);
            Assert.Equal("2,2,1", string.Join(",", sizes), "page sizes");
            Assert.Equal(null, sim.Client.Call(Holds, "{}").NextPage, "any other answer has no token");

            var f = Assert.Throws<InvalidResponseException>(() => sim.Client.ListAll<ReserveHoldDetail>(Holds, "{\"limit\":500}").ToList(), "a verified F");
            Assert.Equal("PARAM_ILLEGAL", f.ResultCode, "its code");
            using (var walk = sim.Client.ListAll<ReserveHoldDetail>(Holds, "{\"limit\":2}").GetEnumerator())
            {
                Assert.True(walk.MoveNext() && walk.MoveNext(), "the first page");
                sim.ArmFault("/payments/reserve/inquireHoldList", 9903);
                Assert.Throws<SignatureException>(() => walk.MoveNext(), "a corrupted second page");
            }
            Assert.Throws<InvalidInputException>(() => sim.Client.ListAll<ReserveHoldDetail>("payments.pay", "{}").ToList(), "not a list");
        }
    }
}
