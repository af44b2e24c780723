package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.patterns.ErrorRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignaturesTest {

    private final Signatures signatures = new Signatures(ErrorRules.defaults());

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
        "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB | cuda-out-of-memory",
        "RuntimeError: CUDA error: out of memory | cuda-out-of-memory",
        "mel2042:1:2 [0] transport/net_ib.cc:1295 NCCL WARN NET/IB : Got completion | nccl-error",
        "torch.distributed.DistBackendError: NCCL error in: ProcessGroupNCCL.cpp:1970, unhandled system error | nccl-error",
        "[Rank 1] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=4812) | nccl-error",
        "slurmstepd: error: *** JOB 4711 ON mel2041 CANCELLED AT 2026-12-07T10:00:14 DUE TO TIME LIMIT *** | slurm-time-limit",
        "slurmstepd: error: *** JOB 4715 ON mel2050 CANCELLED AT 2026-12-07T14:03:12 *** | slurm-cancelled",
        "srun: error: mel2101: task 0: Exited with exit code 1 | srun-exit-code",
        "slurmstepd: error: Detected 1 oom_kill event in StepId=4712.1. | oom-killer",
        "Out of memory: Killed process 51234 (python) total-vm:123kB | oom-killer",
        "[12345.678] python invoked oom-killer: gfp_mask=0x100cca | oom-killer",
        "/var/spool/slurmd/job4714/slurm_script: line 42: 51234 Segmentation fault (core dumped) ./bench | segmentation-fault",
        "Fatal Python error: Segmentation fault | segmentation-fault",
        "/var/spool/slurmd/job4714/slurm_script: line 47: 51301 Killed python postprocess.py | killed",
        "Killed | killed",
        "panic: runtime error: index out of range | go-panic",
        "Exception in thread \"main\" java.lang.IllegalStateException: stopped | java-uncaught-exception",
    })
    void namesEveryShippedSignature(String line, String kind) {
        assertThat(signatures.match(line)).isNotNull().extracting(m -> m.rule().name()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mel2041:1873921:1873921 [0] NCCL INFO Bootstrap : Using ib0",
        "the job was not Killed by anyone, it was SKilled",
        "scancel requested, CANCELLED AT some point in the docs",
        "exit code 0 is fine",
    })
    void leavesOrdinaryLinesAlone(String line) {
        assertThat(signatures.match(line)).isNull();
    }

    @Test
    void readsTheExitCode() {
        assertThat(signatures.match("srun: error: mel2102: task 1: Exited with exit code 137").exitCode()).hasValue(137);
        assertThat(signatures.match("srun: error: x: Exited with exit code 99999999999").exitCode()).isEmpty();
    }
}
