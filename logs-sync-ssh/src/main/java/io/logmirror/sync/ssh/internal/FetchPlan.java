package io.logmirror.sync.ssh.internal;

import io.logmirror.core.RangeRequest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Splits a batch into what {@link FetchScript} reads: groups of small whole files (one {@code cat} per group, so a
 * tree of small logs costs a few processes per group instead of a few per file) and groups of ranges (one
 * {@code find} per group, one {@code dd} per range).
 * In a group the files least recently modified come first: a file that grows while the group is read invalidates the
 * files after it (they are read again as ranges), so the likely-active ones go last.
 */
final class FetchPlan {

    /** A whole file up to this size may join a group. */
    static final long GROUP_FILE_MAX = 1L << 20;
    /** A group's files add up to at most this many listed bytes (the reader holds a group in memory to check it). */
    static final long GROUP_BYTES_MAX = 4L << 20;
    static final int GROUP_FILES_MAX = 256;
    /** Name bytes per group, far below any ARG_MAX: the names become arguments of find and cat. */
    static final int GROUP_NAME_BYTES_MAX = 64 << 10;

    /** One request with the raw name to send. */
    record Member(RangeRequest request, String carrier) {
        /** The name as the script prints it back. */
        String printed() {
            return "./" + carrier;
        }
    }

    /** What one request asks for: a group of whole files (one {@code cat}), or ranges (one {@code dd} each). */
    record Item(List<Member> members, boolean group) {
    }

    /** A request refused before sending, with the reason. */
    record Refused(RangeRequest request, String reason) {
    }

    private final List<Item> items;
    private final List<Refused> refused;

    private FetchPlan(List<Item> items, List<Refused> refused) {
        this.items = items;
        this.refused = refused;
    }

    /**
     * Plans {@code requests}; {@code rangesOnly} sends every request as a range (the retry of group members that
     * changed while their group was read).
     */
    static FetchPlan of(List<RangeRequest> requests, boolean rangesOnly) {
        List<Refused> refused = new ArrayList<>();
        List<Member> groupable = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        List<Member> ranges = new ArrayList<>();
        for (RangeRequest request : requests) {
            String carrier = ListingAssembler.carrierOf(request.file());
            Optional<String> problem = hostile(carrier);
            if (problem.isPresent()) {
                refused.add(new Refused(request, problem.get()));
                continue;
            }
            Member member = new Member(request, carrier);
            long size = request.file().size();
            if (!rangesOnly && request.offset() == 0 && request.length() >= size && size <= GROUP_FILE_MAX) {
                groupable.add(member);
            } else {
                ranges.add(member);
            }
        }
        groupable.sort(Comparator.comparing((Member m) -> m.request().file().modified()));
        List<Member> group = new ArrayList<>();
        long bytes = 0;
        int names = 0;
        for (Member member : groupable) {
            long size = member.request().file().size();
            int name = member.carrier().length() + 3;
            if (!group.isEmpty() && (bytes + size > GROUP_BYTES_MAX || group.size() >= GROUP_FILES_MAX
                    || names + name > GROUP_NAME_BYTES_MAX)) {
                items.add(new Item(List.copyOf(group), true));
                group.clear();
                bytes = 0;
                names = 0;
            }
            group.add(member);
            bytes += size;
            names += name;
        }
        if (!group.isEmpty()) {
            items.add(new Item(List.copyOf(group), true));
        }
        List<Member> run = new ArrayList<>();
        names = 0;
        for (Member member : ranges) {
            int name = member.carrier().length() + 3;
            if (!run.isEmpty() && (run.size() >= GROUP_FILES_MAX || names + name > GROUP_NAME_BYTES_MAX)) {
                items.add(new Item(List.copyOf(run), false));
                run.clear();
                names = 0;
            }
            run.add(member);
            names += name;
        }
        if (!run.isEmpty()) {
            items.add(new Item(List.copyOf(run), false));
        }
        return new FetchPlan(List.copyOf(items), List.copyOf(refused));
    }

    /**
     * Why a raw name must not reach the remote script, if it must not: it would break the framing (newline, NUL) or
     * leave the folder (absolute, {@code ..}). The listing never produces such a name for a valid path; this guards
     * the script against a {@code RemoteFile} built by hand.
     */
    static Optional<String> hostile(String carrier) {
        if (carrier.isEmpty()) {
            return Optional.of("its name is empty");
        }
        if (carrier.indexOf('\n') >= 0 || carrier.indexOf('\0') >= 0 || carrier.indexOf('\r') >= 0) {
            return Optional.of("its name holds a control character that the transfer cannot carry");
        }
        if (carrier.startsWith("/")) {
            return Optional.of("its name is absolute");
        }
        for (String segment : carrier.split("/", -1)) {
            if (segment.equals("..") || segment.isEmpty() || segment.equals(".")) {
                return Optional.of("its name has an empty, '.' or '..' segment");
            }
        }
        return Optional.empty();
    }

    List<Item> items() {
        return items;
    }

    List<Refused> refused() {
        return refused;
    }

    /** The bytes for the script's standard input. */
    byte[] requestBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Item item : items) {
            if (item.group()) {
                field(out, "W");
                field(out, Integer.toString(item.members().size()));
                for (Member member : item.members()) {
                    field(out, member.carrier());
                }
            } else {
                field(out, "R");
                field(out, Integer.toString(item.members().size()));
                for (Member member : item.members()) {
                    field(out, Long.toString(member.request().offset()));
                    field(out, Long.toString(member.request().length()));
                    field(out, member.carrier());
                }
            }
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String carrier) {
        out.writeBytes(carrier.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
    }
}
