//! The batch script of a remote crew's job.

use std::path::Path;

/// A POSIX shell script that writes the channel's certificate to a private file and runs
/// `maestro crew-exec` with the attempt's token on its standard input. The script holds the
/// token (the engine keeps it on disk until the job's record expires; it is good for this
/// attempt only, and only while it runs) and no other secret: the model API key is fetched
/// over the channel into the job's memory.
#[must_use]
pub fn job_script(maestro: &Path, channel: &str, certificate_pem: &str, token: &str) -> String {
    format!(
        "#!/bin/sh\n\
         # A maestro crew: one attempt of one order (maestro crew-exec --help).\n\
         set -eu\n\
         umask 077\n\
         cert=$(mktemp)\n\
         trap 'rm -f \"$cert\"' EXIT\n\
         cat > \"$cert\" <<'MAESTRO_CERTIFICATE'\n{pem}MAESTRO_CERTIFICATE\n\
         {maestro} crew-exec --channel {channel} --certificate \"$cert\" <<'MAESTRO_TOKEN'\n{token}\nMAESTRO_TOKEN\n",
        pem = if certificate_pem.ends_with('\n') {
            certificate_pem.to_owned()
        } else {
            format!("{certificate_pem}\n")
        },
        maestro = quote(&maestro.to_string_lossy()),
        channel = quote(channel),
    )
}

/// `text` as one shell word.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_runs_crew_exec_with_the_token_on_stdin_and_nothing_else_secret() {
        let script = job_script(
            Path::new("/opt/maestro's/bin/maestro"),
            "https://10.77.0.1:4443",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
            "ab12",
        );
        assert!(script.starts_with("#!/bin/sh\n"));
        assert!(script.contains(
            "\n'/opt/maestro'\\''s/bin/maestro' crew-exec --channel 'https://10.77.0.1:4443'"
        ));
        assert!(script.contains("<<'MAESTRO_TOKEN'\nab12\nMAESTRO_TOKEN\n"));
        // Not exec'd: the shell outlives crew-exec to remove the certificate's copy.
        assert!(script.contains("trap 'rm -f \"$cert\"' EXIT"));
        assert!(!script.contains("\nexec "));
        assert!(script.contains("-----END CERTIFICATE-----\nMAESTRO_CERTIFICATE\n"));
        // The token is in no command line and no variable.
        assert_eq!(script.matches("ab12").count(), 1);
        assert!(!script.contains("export"));
    }
}
