; Inno Setup 6.3+ script for the Windows installer of Magazine Reader.
;
; Built by `python packaging\build.py --installer` after the PyInstaller bundle, which runs
;   iscc /DAppVersion=<version> /DSourceDir=<dist\magazine-reader> /DIconFile=<reader.ico> /O<dist> reader.iss
; By hand from the repository root after `python packaging\build.py`:
;   iscc /DAppVersion=0.1.0 packaging\windows\reader.iss
; The version has no default on purpose: a stale number in this file could never be caught.
;
; Installs per user by default (no administrator rights needed; the dialog offers all users), adds a
; Start-menu entry, an uninstaller, and the .magstore file association. The per-user data folder
; (%LOCALAPPDATA%\MagazineReader) is left in place on uninstall: it holds the user's bookmarks.
; This file is UTF-8 with a byte order mark so that the compiler reads its Chinese strings right.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 (packaging\build.py --installer does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\magazine-reader"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\reader.ico"
#endif
#define AppExe "reader.exe"
#define StoreProgId "MagazineReader.Store"

[Setup]
AppId={{2A91B32C-AC96-44B5-9952-D8055567B0D4}
AppName=Magazine Reader
AppVersion={#AppVersion}
AppVerName=Magazine Reader {#AppVersion}
AppPublisher=Magazine Reader developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Magazine Reader
DefaultGroupName=Magazine Reader
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=Magazine Reader
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename=MagazineReader-{#AppVersion}-windows-setup
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Chinese Simplified is one of Inno Setup's official translations only in recent releases, and an
; unofficial one before; use whichever this compiler has, and build English-only if it has neither.
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(CompilerPath + "Languages\Unofficial\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\Unofficial\ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: this installer speaks English only"
#endif
#ifdef ChineseMessages
Name: "zh_CN"; MessagesFile: "{#ChineseMessages}"
#endif

[CustomMessages]
en.ShortcutName=Magazine Reader
en.StoreFileType=Magazine Reader article store
#ifdef ChineseMessages
zh_CN.ShortcutName=杂志阅读器
zh_CN.StoreFileType=杂志阅读器文章库
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; reader.exe (the window) and reader-cli.exe (the same program for a terminal) with their _internal folder.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{cm:ShortcutName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .magstore belongs to this app: open it with reader.exe, show the app icon, undo all of it on uninstall.
; HKA is the current user's classes for a per-user install and the machine's for an all-users one.
Root: HKA; Subkey: "Software\Classes\.magstore"; ValueType: string; ValueName: ""; ValueData: "{#StoreProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.magstore"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-magazine-reader-store"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.magstore\OpenWithProgids"; ValueType: string; ValueName: "{#StoreProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#StoreProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:StoreFileType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#StoreProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#StoreProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".magstore"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{cm:ShortcutName}}"; Flags: nowait postinstall skipifsilent
