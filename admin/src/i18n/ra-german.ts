/**
 * German (de-DE) translation of react-admin's built-in `ra.*` messages.
 *
 * Mirrors the default export of ra-language-english 5.15.4 key for key, with
 * the same polyglot placeholders (`%{name}`, `%{smart_count}`, …) and the same
 * ` |||| ` plural forms (singular |||| plural). Kept free of React imports so
 * it can be type-checked and unit-tested from the root project.
 * test/unit/admin-german-messages.test.ts keeps it in step with the English
 * messages.
 */
import type { TranslationMessages } from 'ra-core';

export const raGerman: TranslationMessages = {
  ra: {
    action: {
      add_filter: 'Filter hinzufügen',
      add: 'Hinzufügen',
      back: 'Zurück',
      bulk_actions: '1 Datensatz ausgewählt |||| %{smart_count} Datensätze ausgewählt',
      cancel: 'Abbrechen',
      clear_array_input: 'Liste leeren',
      clear_input_value: 'Eingabe löschen',
      clone: 'Duplizieren',
      confirm: 'Bestätigen',
      create: 'Erstellen',
      create_item: '%{item} erstellen',
      delete: 'Löschen',
      edit: 'Bearbeiten',
      export: 'Exportieren',
      list: 'Liste',
      refresh: 'Neu laden',
      remove_filter: 'Diesen Filter entfernen',
      remove_all_filters: 'Alle Filter entfernen',
      remove: 'Entfernen',
      reset: 'Zurücksetzen',
      save: 'Speichern',
      search: 'Suchen',
      search_columns: 'Spalten durchsuchen',
      select_all: 'Alle auswählen',
      select_all_button: 'Alle auswählen',
      select_row: 'Diese Zeile auswählen',
      show: 'Anzeigen',
      sort: 'Sortieren',
      undo: 'Rückgängig',
      unselect: 'Auswahl aufheben',
      expand: 'Aufklappen',
      close: 'Schließen',
      open_menu: 'Menü öffnen',
      close_menu: 'Menü schließen',
      update: 'Aktualisieren',
      move_up: 'Nach oben verschieben',
      move_down: 'Nach unten verschieben',
      open: 'Öffnen',
      toggle_theme: 'Hell-/Dunkelmodus umschalten',
      select_columns: 'Spalten',
      update_application: 'Anwendung neu laden',
    },
    boolean: {
      true: 'Ja',
      false: 'Nein',
      // Deliberately blank, as in English: the "no value" choice of a nullable boolean.
      null: ' ',
    },
    page: {
      create: '%{name} erstellen',
      dashboard: 'Dashboard',
      edit: '%{name} %{recordRepresentation}',
      error: 'Es ist ein Fehler aufgetreten',
      list: '%{name}',
      loading: 'Wird geladen',
      not_found: 'Nicht gefunden',
      show: '%{name} %{recordRepresentation}',
      empty: 'Noch keine %{name} vorhanden.',
      invite: 'Möchten Sie einen neuen Datensatz anlegen?',
      access_denied: 'Zugriff verweigert',
      authentication_error: 'Authentifizierungsfehler',
    },
    input: {
      file: {
        upload_several: 'Ziehen Sie Dateien zum Hochladen hierher oder klicken Sie, um eine Datei auszuwählen.',
        upload_single: 'Ziehen Sie eine Datei zum Hochladen hierher oder klicken Sie, um sie auszuwählen.',
      },
      image: {
        upload_several: 'Ziehen Sie Bilder zum Hochladen hierher oder klicken Sie, um ein Bild auszuwählen.',
        upload_single: 'Ziehen Sie ein Bild zum Hochladen hierher oder klicken Sie, um es auszuwählen.',
      },
      references: {
        all_missing: 'Die verknüpften Daten konnten nicht gefunden werden.',
        many_missing: 'Mindestens einer der verknüpften Datensätze scheint nicht mehr verfügbar zu sein.',
        single_missing: 'Der verknüpfte Datensatz scheint nicht mehr verfügbar zu sein.',
      },
      password: {
        // As in English: the label of the toggle button, i.e. the action it performs.
        toggle_visible: 'Passwort verbergen',
        toggle_hidden: 'Passwort anzeigen',
      },
    },
    message: {
      about: 'Über',
      access_denied: 'Sie haben nicht die erforderlichen Berechtigungen, um diese Seite aufzurufen.',
      are_you_sure: 'Sind Sie sicher?',
      authentication_error:
        'Der Authentifizierungsserver hat einen Fehler zurückgegeben. Ihre Anmeldedaten konnten nicht überprüft werden.',
      auth_error: 'Beim Überprüfen des Authentifizierungstokens ist ein Fehler aufgetreten.',
      bulk_delete_content:
        'Möchten Sie diesen Datensatz (%{name}) wirklich löschen? |||| Möchten Sie diese %{smart_count} Datensätze wirklich löschen?',
      bulk_delete_title: '%{name} löschen |||| %{smart_count} %{name} löschen',
      bulk_update_content:
        'Möchten Sie %{name} %{recordRepresentation} wirklich aktualisieren? |||| Möchten Sie diese %{smart_count} Datensätze wirklich aktualisieren?',
      bulk_update_title: '%{name} %{recordRepresentation} aktualisieren |||| %{smart_count} %{name} aktualisieren',
      clear_array_input: 'Möchten Sie wirklich die gesamte Liste leeren?',
      delete_content: 'Möchten Sie diesen Datensatz (%{name}) wirklich löschen?',
      delete_title: '%{name} %{recordRepresentation} löschen',
      details: 'Details',
      error: 'Im Client ist ein Fehler aufgetreten. Ihre Anfrage konnte nicht abgeschlossen werden.',
      invalid_form: 'Das Formular ist nicht gültig. Bitte überprüfen Sie Ihre Eingaben.',
      loading: 'Bitte warten',
      no: 'Nein',
      not_found: 'Entweder haben Sie eine falsche URL eingegeben oder Sie sind einem ungültigen Link gefolgt.',
      select_all_limit_reached:
        'Es gibt zu viele Datensätze, um alle auszuwählen. Es wurden nur die ersten %{max} Datensätze ausgewählt.',
      unsaved_changes: 'Einige Ihrer Änderungen wurden nicht gespeichert. Möchten Sie sie wirklich verwerfen?',
      yes: 'Ja',
      placeholder_data_warning: 'Netzwerkproblem: Die Daten konnten nicht aktualisiert werden.',
    },
    navigation: {
      clear_filters: 'Filter zurücksetzen',
      no_filtered_results: 'Mit den aktuellen Filtern wurden keine %{name} gefunden.',
      no_results: 'Keine %{name} gefunden',
      no_more_results: 'Die Seite %{page} liegt außerhalb des gültigen Bereichs. Versuchen Sie es mit der vorherigen Seite.',
      page_out_of_boundaries: 'Seite %{page} liegt außerhalb des gültigen Bereichs',
      page_out_from_end: 'Sie befinden sich bereits auf der letzten Seite',
      page_out_from_begin: 'Sie befinden sich bereits auf der ersten Seite',
      page_range_info: '%{offsetBegin}-%{offsetEnd} von %{total}',
      partial_page_range_info: '%{offsetBegin}-%{offsetEnd} von mehr als %{offsetEnd}',
      current_page: 'Seite %{page}',
      page: 'Zu Seite %{page}',
      first: 'Zur ersten Seite',
      last: 'Zur letzten Seite',
      next: 'Zur nächsten Seite',
      previous: 'Zur vorherigen Seite',
      page_rows_per_page: 'Zeilen pro Seite:',
      skip_nav: 'Zum Inhalt springen',
    },
    sort: {
      // react-admin lower-cases the first letter of the field label for
      // %{field_lower_first}; it also passes %{field} (label unchanged).
      // German nouns keep their capital: %{field}, not English's %{field_lower_first}.
      sort_by: 'Nach %{field} %{order} sortieren',
      ASC: 'aufsteigend',
      DESC: 'absteigend',
    },
    auth: {
      auth_check_error: 'Bitte melden Sie sich an, um fortzufahren',
      user_menu: 'Profil',
      username: 'Benutzername',
      password: 'Passwort',
      email: 'E-Mail',
      sign_in: 'Anmelden',
      sign_in_error: 'Anmeldung fehlgeschlagen, bitte versuchen Sie es erneut',
      logout: 'Abmelden',
    },
    notification: {
      updated: 'Datensatz aktualisiert |||| %{smart_count} Datensätze aktualisiert',
      created: 'Datensatz erstellt',
      deleted: 'Datensatz gelöscht |||| %{smart_count} Datensätze gelöscht',
      bad_item: 'Ungültiger Datensatz',
      item_doesnt_exist: 'Der Datensatz existiert nicht',
      http_error: 'Fehler bei der Kommunikation mit dem Server',
      data_provider_error: 'Fehler im dataProvider. Details finden Sie in der Konsole.',
      i18n_error: 'Die Übersetzungen für die gewählte Sprache konnten nicht geladen werden',
      canceled: 'Aktion abgebrochen',
      logged_out: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
      not_authorized: 'Sie sind nicht berechtigt, auf diese Ressource zuzugreifen.',
      application_update_available: 'Eine neue Version ist verfügbar.',
      offline: 'Keine Verbindung. Die Daten konnten nicht abgerufen werden.',
    },
    validation: {
      required: 'Pflichtfeld',
      minLength: 'Muss mindestens %{min} Zeichen lang sein',
      maxLength: 'Darf höchstens %{max} Zeichen lang sein',
      minValue: 'Muss mindestens %{min} sein',
      maxValue: 'Darf höchstens %{max} sein',
      number: 'Muss eine Zahl sein',
      email: 'Muss eine gültige E-Mail-Adresse sein',
      oneOf: 'Muss einer der folgenden Werte sein: %{options}',
      regex: 'Muss einem bestimmten Format entsprechen (regulärer Ausdruck): %{pattern}',
      unique: 'Muss eindeutig sein',
    },
    saved_queries: {
      label: 'Gespeicherte Abfragen',
      query_name: 'Name der Abfrage',
      new_label: 'Aktuelle Abfrage speichern …',
      new_dialog_title: 'Aktuelle Abfrage speichern unter',
      remove_label: 'Gespeicherte Abfrage entfernen',
      remove_label_with_name: 'Abfrage „%{name}“ entfernen',
      remove_dialog_title: 'Gespeicherte Abfrage entfernen?',
      remove_message: 'Möchten Sie diesen Eintrag wirklich aus Ihrer Liste gespeicherter Abfragen entfernen?',
      help: 'Filtern Sie die Liste und speichern Sie diese Abfrage für später',
    },
    guesser: {
      empty: {
        title: 'Keine Daten zum Anzeigen',
        message: 'Bitte überprüfen Sie Ihren Data Provider',
      },
    },
    configurable: {
      customize: 'Anpassen',
      configureMode: 'Diese Seite konfigurieren',
      inspector: {
        title: 'Inspektor',
        content: 'Bewegen Sie den Mauszeiger über die Elemente der Oberfläche, um sie zu konfigurieren',
        reset: 'Einstellungen zurücksetzen',
        hideAll: 'Alle ausblenden',
        showAll: 'Alle einblenden',
      },
      Datagrid: {
        title: 'Datentabelle',
        unlabeled: 'Spalte ohne Bezeichnung #%{column}',
      },
      SimpleForm: {
        title: 'Formular',
        unlabeled: 'Eingabefeld ohne Bezeichnung #%{input}',
      },
      SimpleList: {
        title: 'Liste',
        primaryText: 'Primärer Text',
        secondaryText: 'Sekundärer Text',
        tertiaryText: 'Tertiärer Text',
      },
    },
  },
};
