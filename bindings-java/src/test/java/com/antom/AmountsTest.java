package com.antom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.antom.internal.Json;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Amounts by currency, from the shared table every binding runs (tests/amounts.json). */
public class AmountsTest {
    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(Map<String, Object> table, String name) {
        return (List<List<String>>) table.get(name);
    }

    @Test
    public void theSharedTableRoundTripsAndRefusesWhatCannotBeExact() {
        Map<String, Object> t = Json.parseObject(Sim.read(Sim.ROOT.resolve("tests/amounts.json")));
        for (List<String> r : rows(t, "round_trip")) {
            assertEquals(r.get(2), Amounts.toMinorUnits(r.get(0), r.get(1)), r.toString());
            assertEquals(r.get(1), Amounts.fromMinorUnits(r.get(0), r.get(2)), r.toString());
        }
        for (List<String> r : rows(t, "to_minor")) {
            assertEquals(r.get(2), Amounts.toMinorUnits(r.get(0), r.get(1)), r.toString());
        }
        for (List<String> r : rows(t, "from_minor")) {
            assertEquals(r.get(2), Amounts.fromMinorUnits(r.get(0), r.get(1)), r.toString());
        }
        for (List<String> r : rows(t, "to_minor_refused")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Amounts.toMinorUnits(r.get(0), r.get(1)), r.toString());
            assertEquals("INVALID_INPUT", e.getKind());
        }
        for (List<String> r : rows(t, "from_minor_refused")) {
            assertThrows(InvalidInputException.class, () -> Amounts.fromMinorUnits(r.get(0), r.get(1)), r.toString());
        }
    }
}
