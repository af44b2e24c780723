package io.logmirror.patterns.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grouping accuracy as the Drain and LogPAI benchmark papers define it (Zhu et al., ICSE-SEIP 2019):
 * a line is parsed correctly when the group the parser put it in holds exactly the lines that share its
 * ground-truth event, no more and no fewer; the accuracy is the share of lines parsed correctly.
 */
public final class GroupingAccuracy {

    private GroupingAccuracy() {
    }

    /**
     * The grouping accuracy of {@code parsed} against {@code truth}, both one label per line, in the same order.
     */
    public static double of(List<String> truth, List<String> parsed) {
        if (truth.size() != parsed.size()) {
            throw new IllegalArgumentException("truth has " + truth.size() + " labels, parsed " + parsed.size());
        }
        if (truth.isEmpty()) {
            throw new IllegalArgumentException("no lines to compare");
        }
        Map<String, Integer> truthSizes = new HashMap<>();
        truth.forEach(t -> truthSizes.merge(t, 1, Integer::sum));
        Map<String, Integer> groupSizes = new HashMap<>();
        Map<String, String> groupTruth = new HashMap<>();
        Map<String, Boolean> pure = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            String group = parsed.get(i);
            groupSizes.merge(group, 1, Integer::sum);
            String first = groupTruth.putIfAbsent(group, truth.get(i));
            if (first != null && !Objects.equals(first, truth.get(i))) {
                pure.put(group, false);
            }
        }
        long correct = 0;
        for (Map.Entry<String, Integer> e : groupSizes.entrySet()) {
            String group = e.getKey();
            if (pure.getOrDefault(group, true) && truthSizes.get(groupTruth.get(group)).equals(e.getValue())) {
                correct += e.getValue();
            }
        }
        return (double) correct / truth.size();
    }
}
