<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>ClipActions</name>
    <message numerus="yes">
        <source>Queued %n clip(s) (%1)</source>
        <translation>
            <numerusform>Queued %n clip (%1)</numerusform>
            <numerusform>Queued %n clips (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CountSpin</name>
    <message numerus="yes">
        <source>%n variation(s)</source>
        <translation>
            <numerusform>%n variation</numerusform>
            <numerusform>%n variations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditorExtras</name>
    <message numerus="yes">
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n character</numerusform>
            <numerusform>%n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message numerus="yes">
        <source>%n task(s) at the provider, as of {0}.</source>
        <translation>
            <numerusform>%n task at the provider, as of {0}.</numerusform>
            <numerusform>%n tasks at the provider, as of {0}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageDropZone</name>
    <message numerus="yes">
        <source>“%1” was not added: at most %n reference images can be used. Remove one to add another.</source>
        <translation>
            <numerusform>“%1” was not added: at most %n reference image can be used. Remove one to add another.</numerusform>
            <numerusform>“%1” was not added: at most %n reference images can be used. Remove one to add another.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message numerus="yes">
        <source>%1+ of %n clip(s)</source>
        <translation>
            <numerusform>%1+ of %n clip</numerusform>
            <numerusform>%1+ of %n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n clip(s)</source>
        <translation>
            <numerusform>%1 of %n clip</numerusform>
            <numerusform>%1 of %n clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%n clip</numerusform>
            <numerusform>%n clips</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n clip(s) keep rendering at the provider; the next start downloads them. Closing…</source>
        <translation>
            <numerusform>%n clip keeps rendering at the provider; the next start downloads it. Closing…</numerusform>
            <numerusform>%n clips keep rendering at the provider; the next start downloads them. Closing…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticeArea</name>
    <message numerus="yes">
        <source>All notices (%n)</source>
        <translation>
            <numerusform>All notices (%n)</numerusform>
            <numerusform>All notices (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Notices (%n)</source>
        <translation>
            <numerusform>Notices (%n)</numerusform>
            <numerusform>Notices (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message numerus="yes">
        <source>%n clip(s) from the last session are lost at the provider (not refunded).</source>
        <translation>
            <numerusform>%n clip from the last session is lost at the provider (not refunded).</numerusform>
            <numerusform>%n clips from the last session are lost at the provider (not refunded).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) wait in the local queue.</source>
        <translation>
            <numerusform>%n clip waits in the local queue.</numerusform>
            <numerusform>%n clips wait in the local queue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) already sent are kept at the provider until they can be downloaded.</source>
        <translation>
            <numerusform>%n clip already sent is kept at the provider until it can be downloaded.</numerusform>
            <numerusform>%n clips already sent are kept at the provider until they can be downloaded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) re-attached</source>
        <translation>
            <numerusform>%n clip re-attached</numerusform>
            <numerusform>%n clips re-attached</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sent again (never reached the provider)</source>
        <translation>
            <numerusform>%n sent again (never reached the provider)</numerusform>
            <numerusform>%n sent again (never reached the provider)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paid twice</source>
        <translation>
            <numerusform>%n paid twice</numerusform>
            <numerusform>%n paid twice</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
</context>
</TS>
