package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auto-pagination against a real simulator: every object once, a page fetched as the objects
 * are used up; a page that is not a verified S throws, never ends the list quietly. */
public class PagingTest {
    private static final String HOLDS = "payments.reserve.inquireHoldList";

    private static Map<String, Object> limit(int n) {
        Map<String, Object> body = new LinkedHashMap<String, Object>();
        body.put("limit", n);
        return body;
    }

    @Test
    public void listAllWalksEveryPage() throws Exception {
        try (Sim sim = new Sim(); AntomClient client = sim.client()) {
            for (int i = 0; i < 5; i++) {
                String hold = "{\"holdRequestId\":\"java-page-" + i + "\",\"holdAmount\":{\"currency\":\"USD\",\"value\":\"100\"}}";
                assertTrue(client.call("payments.reserve.createHold", hold).isSuccess());
            }
            List<String> ids = new ArrayList<String>();
            for (Map<String, Object> hold : client.listAll(HOLDS, limit(2))) {
                ids.add((String) hold.get("holdId"));
            }
            assertEquals(5, ids.stream().distinct().count());
            List<String> sorted = new ArrayList<String>(ids);
            sorted.sort(null);
            assertEquals(sorted, ids);

            List<Integer> sizes = new ArrayList<Integer>();
            String page = null;
            do {
                AntomResponse<Map<String, Object>> r = client.listPage(HOLDS, limit(2), page);
                assertTrue(r.isVerified());
                sizes.add(((List<?>) r.getItems()).size());
                page = r.getNextPage();
            } while (page != null);
            assertEquals(Arrays.asList(2, 2, 1), sizes);
            assertNull(client.call(HOLDS, limit(2)).getNextPage());

            InvalidResponseException f = assertThrows(InvalidResponseException.class, () -> client.listAll(HOLDS, limit(500)).iterator().hasNext());
            assertEquals("PARAM_ILLEGAL", f.getResultCode());
            Iterator<Map<String, Object>> walk = client.listAll(HOLDS, limit(2)).iterator();
            walk.next();
            walk.next();
            Map<String, Object> fault = new LinkedHashMap<String, Object>();
            fault.put("path", "payments/reserve/inquireHoldList");
            fault.put("code", 9903);
            sim.post("/sim/faults", fault);
            assertThrows(SignatureException.class, walk::hasNext);
            assertThrows(InvalidInputException.class, () -> client.listAll("payments.pay", "{}").iterator().hasNext());
        }
    }
}
