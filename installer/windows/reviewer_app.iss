; Inno Setup 6 script for the Windows installer of Reviewer (reviewer_app).
; Build the app first (see installer/README.md), then from the repository root:
;   iscc /DAppVersion=0.1.0 installer\windows\reviewer_app.iss
; Output: dist\reviewer-app-<version>-windows-x86_64-setup.exe
; Installs per user without administrator rights by default (an office PC without IT
; staff); "Install for all users" is offered when the user can elevate.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Reviewer"
#define AppExe "Reviewer.exe"
#define CliExe "reviewer-app.exe"
#define SourceDir "..\..\dist\reviewer-app"
#define IconFile "..\..\build\reviewer-app.ico"

[Setup]
AppId={{5B0C7E64-2F1D-4C55-9E1B-7A3D2C8F4E10}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=reviewer_app contributors
AppComments=Offline reviewer workstation for safe-policing certification assessments
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=reviewer-app-{#AppVersion}-windows-x86_64-setup
#if FileExists(AddBackslash(SourcePath) + IconFile)
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "Open .review files with {#AppName}"; GroupDescription: "File types:"

[Files]
; The whole PyInstaller folder: Reviewer.exe (window), reviewer-app.exe (command line and
; --self-test) and _internal\ with Python, Qt, MuPDF, the standards sets and the demo.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an earlier version that this one no longer ships.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Classes\.review"; ValueType: string; ValueName: ""; ValueData: "Reviewer.Review"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.review\OpenWithProgids"; ValueType: string; ValueName: "Reviewer.Review"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Reviewer.Review"; ValueType: string; ValueName: ""; ValueData: "Certification review"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Reviewer.Review\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Reviewer.Review\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ After copying, run the offline self-test (demo review, window offscreen, packet export
  and verification) and tell the user if this computer cannot run the app. }
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
begin
  if (CurStep = ssPostInstall) and not WizardSilent then
  begin
    WizardForm.StatusLabel.Caption := 'Checking the installation...';
    if not Exec(ExpandConstant('{app}\{#CliExe}'), '--self-test', '', SW_HIDE,
                ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
      MsgBox('{#AppName} was installed, but its self-test did not pass on this computer.' + #13#10 +
             'Open a command prompt and run:' + #13#10 +
             '  "' + ExpandConstant('{app}\{#CliExe}') + '" --self-test' + #13#10 +
             'to see which step failed.', mbError, MB_OK);
  end;
end;
