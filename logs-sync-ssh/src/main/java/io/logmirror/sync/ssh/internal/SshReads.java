package io.logmirror.sync.ssh.internal;

import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.function.Function;

/** Opens read streams on the connection's SFTP channels. */
public final class SshReads {

    private SshReads() {
    }

    /**
     * Opens {@code path} (an absolute carrier) and streams {@code length} bytes from {@code offset}; fewer if the file
     * is shorter now.
     *
     * @param onFailure turns a read failure into the exception the caller sees (and drops a dead connection)
     */
    public static InputStream open(SshConnection connection, String path, long offset, long length,
                                   Function<IOException, IOException> onFailure) throws IOException {
        SFTPClient sftp = connection.acquire();
        RemoteFile file;
        try {
            file = sftp.open(path, EnumSet.of(OpenMode.READ));
        } catch (IOException | RuntimeException e) {
            connection.release(sftp);
            throw e;
        }
        return new SftpReadStream(file, offset, length, () -> connection.release(sftp), onFailure::apply);
    }
}
