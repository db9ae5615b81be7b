@echo off
rem Parley, the portable Windows zip: runs the app with an installed Java 17 or newer, the one in
rem JAVA_HOME or else java on the PATH, with the Windows JavaFX jars of javafx\ on the module path
rem and the app with its libraries (webrtc-java's Windows natives included) from lib\.
rem   parley.cmd                 the call window
rem   parley.cmd server          or the server, the bot (call --headless), devices, token
rem The Java options are those of the installers (pom.xml, jpackage javaOptions): a capped heap
rem that G1 gives back to the system when the call is idle.
setlocal
set "PARLEY_HOME=%~dp0"
set "PARLEY_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "PARLEY_JAVA=%JAVA_HOME%\bin\java.exe"
"%PARLEY_JAVA%" @JAVA_OPTIONS@ --module-path "%PARLEY_HOME%javafx" --add-modules javafx.controls -cp "%PARLEY_HOME%lib\*" dev.parley.cli.ParleyCli %*
exit /b %ERRORLEVEL%
