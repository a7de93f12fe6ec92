# bash completion for baton(1): commands, their options, and the values an option takes.
# Needs nothing beyond bash itself (not the bash-completion helpers), so that it can be tested on its own.

# COMPREPLY from compgen ARGS for the word being completed, one entry a line (file names may hold spaces).
_baton_reply() {
    mapfile -t COMPREPLY < <(compgen "$@" -- "$cur")
}

_baton() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local global="--config --now --verbose --help"
    COMPREPLY=()

    # `baton help COMMAND` completes like the command's own words.
    local first=1
    [[ ${COMP_WORDS[1]-} == help ]] && first=2

    if ((COMP_CWORD == first)); then
        if [[ $cur == -* ]]; then
            ((first == 1)) && _baton_reply -W "--help --version"
        else
            _baton_reply -W "alerts config digest explain export forget help init inspect lead leads \
report reps scan sla spend store"
        fi
        return 0
    fi

    local group=${COMP_WORDS[first]}
    local subcommands=
    case $group in
    alerts) subcommands="list" ;;
    config) subcommands="check" ;;
    inspect) subcommands="calendar mail" ;;
    lead) subcommands="show touch" ;;
    leads) subcommands="import list" ;;
    reps) subcommands="import list" ;;
    sla) subcommands="backtest check" ;;
    spend) subcommands="import" ;;
    store) subcommands="backup check copy" ;;
    esac
    local command=$group
    if [[ -n $subcommands ]]; then
        if ((COMP_CWORD == first + 1)); then
            [[ $cur != -* ]] && _baton_reply -W "$subcommands"
            return 0
        fi
        command="$group ${COMP_WORDS[first + 1]}"
    fi
    ((first == 2)) && return 0

    # The value of an option.
    case $prev in
    --config | --policies | --out)
        _baton_reply -f
        return 0
        ;;
    --format)
        _baton_reply -W "text json csv html"
        return 0
        ;;
    --by)
        _baton_reply -W "rep team source week"
        return 0
        ;;
    --state)
        if [[ $command == "sla check" ]]; then
            _baton_reply -W "running warning breached paused met met_late cancelled"
        else
            _baton_reply -W "queued sent failed cancelled"
        fi
        return 0
        ;;
    --now | --at | --note | --rep | --since | --until | --week | --from | --to | --policy | --silent-days)
        return 0
        ;;
    esac

    local options='' files=''
    case $command in
    scan) options="--dry-run --json" ;;
    "inspect mail") files=any ;;
    "inspect calendar") options="--from --to" files=any ;;
    "leads import" | "reps import" | "spend import") options="--json" files=any ;;
    "leads list" | "reps list" | "lead show" | explain | "config check" | "store check" | export) options="--json" ;;
    "lead touch") options="--at --note --rep" ;;
    "sla check") options="--state --policy --json" ;;
    "sla backtest") options="--policies --since --json" ;;
    "alerts list") options="--state --json" ;;
    report) options="--since --until --by --format --out --silent-days" ;;
    digest) options="--week --dry-run --json" ;;
    init) files=dirs ;;
    "store backup") files=any ;;
    "store copy") options="--to --json" ;;
    forget) options="--dry-run --json" ;;
    *) return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        _baton_reply -W "$options $global"
    elif [[ $files == any ]]; then
        _baton_reply -f
    elif [[ $files == dirs ]]; then
        _baton_reply -d
    fi
    return 0
}

complete -o filenames -F _baton baton
