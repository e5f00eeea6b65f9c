# Installs raport from its GitHub release on Windows: downloads the archive,
# checks its SHA-256 against the release's sha256sums.txt, and puts
# raport.exe into %LOCALAPPDATA%\Programs\raport\bin (or RAPORT_INSTALL_DIR),
# which it adds to your PATH.
#
#   powershell -ExecutionPolicy Bypass -c "irm https://github.com/<owner>/raport/releases/latest/download/install.ps1 | iex"
#
# Environment:
#   RAPORT_VERSION       the version to install, e.g. 0.1.0, or `latest`
#   RAPORT_INSTALL_DIR   where to put raport.exe
#   RAPORT_DOWNLOAD_URL  the folder holding the release files (a mirror, or a
#                        local server in tests); default: the GitHub release
#
# Exit status: 0 installed, 1 failed (nothing installed), 3 no prebuilt raport
# for this computer (build it with cargo instead). The GitHub Action of this
# repository runs this script too.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

# Filled in by the release workflow; in a checkout, Cargo.toml beside this
# script gives them.
$Repository = ""
$ReleaseVersion = ""

function Fail([string]$Message) {
    [Console]::Error.WriteLine("install.ps1: error: $Message")
    exit 1
}

$cargoToml = if ($PSScriptRoot) { Join-Path $PSScriptRoot 'Cargo.toml' } else { '' }
if (-not $Repository -and $cargoToml -and (Test-Path $cargoToml)) {
    $toml = Get-Content $cargoToml
    $Repository = ($toml | Select-String -Pattern '^repository = "(.*)"$' | Select-Object -First 1).Matches.Groups[1].Value
    $ReleaseVersion = ($toml | Select-String -Pattern '^version = "(.*)"$' | Select-Object -First 1).Matches.Groups[1].Value
}
$version = "$env:RAPORT_VERSION".TrimStart('v')
if (-not $version) { $version = if ($ReleaseVersion) { $ReleaseVersion } else { 'latest' } }
$dest = if ($env:RAPORT_INSTALL_DIR) { $env:RAPORT_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA 'Programs\raport\bin' }

# x64 Windows, and ARM64 Windows through its x64 emulation.
$arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString()
if ($arch -ne 'X64' -and $arch -ne 'Arm64') {
    [Console]::Error.WriteLine("install.ps1: no prebuilt raport for Windows $arch; build it with: cargo install --locked --git $Repository raport")
    exit 3
}
$target = 'x86_64-pc-windows-msvc'
$archive = "raport-$target.zip"

if ($env:RAPORT_DOWNLOAD_URL) {
    $base = $env:RAPORT_DOWNLOAD_URL.TrimEnd('/')
} elseif (-not $Repository) {
    Fail 'no repository to download from: set RAPORT_DOWNLOAD_URL'
} elseif ($version -eq 'latest') {
    $base = "$Repository/releases/latest/download"
} else {
    $base = "$Repository/releases/download/v$version"
}

$tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("raport-install-" + [System.Guid]::NewGuid())
New-Item -ItemType Directory -Path $tmp | Out-Null
try {
    Write-Output "downloading raport $version for $target from $base"
    try {
        Invoke-WebRequest -UseBasicParsing -Uri "$base/sha256sums.txt" -OutFile "$tmp\sha256sums.txt"
    } catch {
        Fail "could not download $base/sha256sums.txt: $_"
    }
    $expected = $null
    foreach ($line in Get-Content "$tmp\sha256sums.txt") {
        $parts = $line -split '\s+', 2
        if ($parts.Count -eq 2 -and $parts[1].TrimStart('*') -eq $archive) { $expected = $parts[0].ToLower(); break }
    }
    if (-not $expected) {
        [Console]::Error.WriteLine("install.ps1: release $version has no $archive; build raport with: cargo install --locked --git $Repository --tag v$version raport")
        exit 3
    }
    try {
        Invoke-WebRequest -UseBasicParsing -Uri "$base/$archive" -OutFile "$tmp\$archive"
    } catch {
        Fail "could not download $base/${archive}: $_"
    }
    $actual = (Get-FileHash -Algorithm SHA256 "$tmp\$archive").Hash.ToLower()
    if ($actual -ne $expected) {
        Fail "checksum mismatch for ${archive}: sha256sums.txt says $expected, the download is $actual; nothing was installed (try again; if it persists, report it)"
    }
    Expand-Archive -Path "$tmp\$archive" -DestinationPath "$tmp\x"
    $bin = Get-ChildItem -Path "$tmp\x" -Recurse -Filter 'raport.exe' | Select-Object -First 1
    if (-not $bin) { Fail "$archive holds no raport.exe" }
    New-Item -ItemType Directory -Force -Path $dest | Out-Null
    Copy-Item -Force $bin.FullName (Join-Path $dest 'raport.exe')
    Write-Output "installed $(& (Join-Path $dest 'raport.exe') --version) to $dest\raport.exe"
    # In GitHub Actions the action adds the folder to the job's PATH instead.
    if (-not $env:GITHUB_ACTIONS) {
        $userPath = [Environment]::GetEnvironmentVariable('Path', 'User')
        if (($userPath -split ';') -notcontains $dest) {
            [Environment]::SetEnvironmentVariable('Path', "$dest;$userPath", 'User')
            Write-Output "added $dest to your PATH; open a new terminal to use raport"
        }
    }
} finally {
    Remove-Item -Recurse -Force $tmp -ErrorAction SilentlyContinue
}
