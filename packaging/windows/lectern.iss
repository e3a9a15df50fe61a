; Inno Setup 6 script: the Windows installer of Lectern, from the PyInstaller bundle.
;
; Build from the repository root, after `python packaging/make_icons.py` (build\icons\lectern.ico)
; and `pyinstaller --noconfirm packaging/lectern.spec` (dist\lectern\lectern.exe):
;
;   iscc /DAppVersion=0.1.0 packaging\windows\lectern.iss
;
; writes dist\lectern-0.1.0-windows-setup.exe. The version comes from the package
; (importlib.metadata.version("lectern")); .github/workflows/release.yml passes it.
;
; Per-user install, no administrator rights: the app goes to %LOCALAPPDATA%\Programs\Lectern
; ({autopf} under PrivilegesRequired=lowest), shortcuts and registry entries to the user's own
; Start menu, desktop and HKEY_CURRENT_USER. Paths below are relative to this file's folder.
; Keep this file ASCII: Inno Setup reads a script without a byte-order mark as ANSI.

#ifndef AppVersion
  #define AppVersion "0.0.0-dev"
#endif
#define AppName "Lectern"
#define AppExe "lectern.exe"
; Git archives need pygit2 (with the libgit2 DLL its wheel ships) and certifi's certificates in the
; bundle (packaging\lectern.spec): refuse to build an installer from a bundle that lacks them.
#define Bundle AddBackslash(SourcePath) + "..\..\dist\lectern\_internal"
#if !DirExists(Bundle + "\pygit2")
  #error dist\lectern has no pygit2: rebuild the bundle with packaging\lectern.spec
#endif
#if !FileExists(Bundle + "\certifi\cacert.pem")
  #error dist\lectern has no certifi\cacert.pem: rebuild the bundle with packaging\lectern.spec
#endif

[Setup]
; Fixed for all versions: Windows finds an earlier install (to upgrade or uninstall) by it.
AppId={{52D3D7C0-8F8D-4AE3-ADFA-859DF2EE0865}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Lectern developers
AppPublisherURL=https://github.com/lectern-reader/lectern
AppSupportURL=https://github.com/lectern-reader/lectern/issues
AppComments=A fast offline reader for Jekyll post archives
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
; Qt 6 runs on 64-bit Windows 10 and later only (Arm64 Windows runs it under x64 emulation).
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\build\icons\lectern.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=lectern-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running Lectern holds its files open: offer to close it before files are replaced.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "foldermenu"; Description: "Add ""Open with Lectern"" to the context menu of folders"; GroupDescription: "Explorer:"

[Files]
Source: "..\..\dist\lectern\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the whole bundle: no stale modules of an older version left in _internal.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Read Jekyll post archives"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Read Jekyll post archives"; Tasks: desktopicon

[Registry]
; Right-click on a folder, and on the background of an open folder: "Open with Lectern".
; Per user (HKCU\Software\Classes), deleted again by the uninstaller.
Root: HKCU; Subkey: "Software\Classes\Directory\shell\Lectern"; ValueType: string; ValueName: ""; ValueData: "Open with Lectern"; Flags: uninsdeletekey; Tasks: foldermenu
Root: HKCU; Subkey: "Software\Classes\Directory\shell\Lectern"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\{#AppExe}"",0"; Tasks: foldermenu
Root: HKCU; Subkey: "Software\Classes\Directory\shell\Lectern\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: foldermenu
Root: HKCU; Subkey: "Software\Classes\Directory\Background\shell\Lectern"; ValueType: string; ValueName: ""; ValueData: "Open with Lectern"; Flags: uninsdeletekey; Tasks: foldermenu
Root: HKCU; Subkey: "Software\Classes\Directory\Background\shell\Lectern"; ValueType: string; ValueName: "Icon"; ValueData: """{app}\{#AppExe}"",0"; Tasks: foldermenu
Root: HKCU; Subkey: "Software\Classes\Directory\Background\shell\Lectern\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%V"""; Tasks: foldermenu

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
